import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { randomGrayscale, toGrayscale } from './grayscale';

describe('toGrayscale', () => {
  it('writes the BT.601 luma into all three channels', () => {
    const patch = Float32Array.from([1, 0.5, 0, 0, 0, 1]);
    toGrayscale(patch);
    // 0.299·1 + 0.587·0.5 + 0.114·0 = 0.5925; 0.114·1 = 0.114.
    const expected = [0.5925, 0.5925, 0.5925, 0.114, 0.114, 0.114].map(Math.fround);
    expect(Array.from(patch)).toEqual(expected);
  });
});

describe('randomGrayscale', () => {
  it('turns RGB gray at probability 1 and leaves grayscale patches alone', () => {
    const rgb = Float32Array.from([1, 0.5, 0, 0, 0, 1]);
    randomGrayscale(rgb, { size: 1, channels: 3, scratch: new Float32Array(3) }, 1, createRng(2));
    expect(rgb[0]).toBe(rgb[1]);
    expect(rgb[1]).toBe(rgb[2]);
    const gray = Float32Array.from([0.25, 0.75]);
    randomGrayscale(gray, { size: 1, channels: 1, scratch: new Float32Array(1) }, 1, createRng(2));
    expect(Array.from(gray)).toEqual([0.25, 0.75]);
  });
});
