import { describe, expect, it } from 'vitest';
import type { ImageSet } from './imageSet';
import { extractPatches } from './patches';

/** A 6×6 grayscale image whose pixel (y, x) holds 10·y + x, and a second one offset by 100. */
function rampImages(): ImageSet {
  const size = 6;
  const pixels = new Uint8Array(2 * size * size);
  for (let b = 0; b < 2; b++)
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) pixels[(b * size + y) * size + x] = 100 * b + 10 * y + x;
  return { pixels, count: 2, size, channels: 1, labels: null, classNames: [] };
}

describe('extractPatches', () => {
  it('cuts an overlapping grid with exact pixel values', () => {
    // 6 px, patch 4, stride 2 → 2×2 grid; patch (r, c) starts at (2r, 2c).
    const out = extractPatches(rampImages(), [0, 1], 4, 2, 2);
    expect(out.length).toBe(2 * 2 * 2 * 4 * 4);
    const patch = (b: number, r: number, c: number) =>
      Array.from(out.subarray(((b * 2 + r) * 2 + c) * 16, ((b * 2 + r) * 2 + c + 1) * 16)).map((v) =>
        Math.round(v * 255),
      );
    expect(patch(0, 0, 0)).toEqual([0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33]);
    expect(patch(0, 1, 1)).toEqual([22, 23, 24, 25, 32, 33, 34, 35, 42, 43, 44, 45, 52, 53, 54, 55]);
    expect(patch(1, 0, 1)).toEqual([
      102, 103, 104, 105, 112, 113, 114, 115, 122, 123, 124, 125, 132, 133, 134, 135,
    ]);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(1 / 255, 7);
  });

  it('keeps RGB channels interleaved and follows the requested image order', () => {
    const pixels = new Uint8Array(2 * 2 * 2 * 3).map((_, i) => i);
    const set: ImageSet = { pixels, count: 2, size: 2, channels: 3, labels: null, classNames: [] };
    const out = extractPatches(set, [1], 1, 1, 2);
    expect(Array.from(out).map((v) => Math.round(v * 255))).toEqual(Array.from(pixels.subarray(12)));
  });

  it('refuses a grid that does not fit', () => {
    expect(() => extractPatches(rampImages(), [0], 4, 2, 3)).toThrow(/does not fit/);
  });
});
