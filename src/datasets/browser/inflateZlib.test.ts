import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateZlib } from './inflateZlib';

describe('inflateZlib', () => {
  it("gives back what zlib deflated, and rejects what it cannot read (Node has the browsers' stream)", async () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 251);
    expect(Buffer.compare(await inflateZlib(new Uint8Array(deflateSync(bytes))), bytes)).toBe(0);
    await expect(inflateZlib(Uint8Array.from([1, 2, 3, 4, 5, 6]))).rejects.toThrow();
  });
});
