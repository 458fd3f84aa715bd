import { describe, expect, it } from 'vitest';
import { readTogether } from './groupedReads';

const bytesOf = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 7 + seed) % 256);

describe('readTogether', () => {
  it('gives each file its own bytes from one read, empty files included', async () => {
    const parts = [bytesOf(5, 1), bytesOf(0, 2), bytesOf(9_000, 3), bytesOf(1, 4)];
    let combined = 0;
    const reads = readTogether(
      parts.map((p) => new Blob([p])),
      (files) => (combined++, new Blob(files as Blob[])),
    );
    expect(combined).toBe(1);
    const read = await Promise.all(reads);
    read.forEach((bytes, i) => expect(bytes).toEqual(parts[i]));
    expect(new Set(read.map((bytes) => bytes.buffer)).size).toBe(1); // views of the one buffer
  });

  it('reads each file alone when the read of all fails, so that only the failing file fails', async () => {
    const good = bytesOf(300, 5);
    const broken = { size: 10, arrayBuffer: () => Promise.reject(new Error('gone')) } as unknown as Blob;
    const failing = {
      arrayBuffer: () => Promise.reject(new Error('one of them is gone')),
    } as unknown as Blob;
    const [first, second] = readTogether([new Blob([good]), broken], () => failing);
    expect(await first).toEqual(good);
    await expect(second).rejects.toThrow('gone');
  });
});
