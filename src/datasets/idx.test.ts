import { describe, it, expect } from 'vitest';
import { parseIdx } from './idx';

describe('parseIdx', () => {
  it('reads dimensions big-endian and the values after the header', () => {
    // type 0x08 (ubyte), rank 2, dims 2 × 3 (second dimension written as 0x00000003).
    const bytes = Uint8Array.from([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
    const { dims, data } = parseIdx(bytes);
    expect(dims).toEqual([2, 3]);
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects a bad magic, another value type or a wrong length', () => {
    expect(() => parseIdx(Uint8Array.from([1, 0, 8, 1, 0, 0, 0, 1, 9]))).toThrow(/bad magic/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 9]))).toThrow(/0xd is not supported/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 9]))).toThrow(
      /holds 1 values, its header promises 2/,
    );
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 2, 0, 0, 0]))).toThrow(/truncated/);
  });
});
