import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { affineWarp, shearRotate } from './affine';
import { FILL } from './patchAugmentation';

const grid3 = () => Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]);
const warp = (src: Float32Array, size: number, angle: number, shear: number) => {
  const dst = new Float32Array(src.length);
  affineWarp(src, dst, size, 1, angle, shear);
  return Array.from(dst);
};

describe('affineWarp', () => {
  it('is the identity at angle 0 and shear 0', () => {
    expect(warp(grid3(), 3, 0, 0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('rotates a 3×3 pattern by 90° counter-clockwise exactly', () => {
    expect(warp(grid3(), 3, Math.PI / 2, 0)).toEqual([2, 5, 8, 1, 4, 7, 0, 3, 6]);
  });

  it('rotates an even-sized 2×2 pattern about its centre', () => {
    expect(warp(Float32Array.from([1, 2, 3, 4]), 2, Math.PI / 2, 0)).toEqual([2, 4, 1, 3]);
  });

  it('shears rows sideways by their distance from the centre', () => {
    // Shear 1: the top row moves one pixel left, the bottom row one right; fill comes in.
    expect(warp(grid3(), 3, 0, 1)).toEqual([1, 2, FILL, 3, 4, 5, FILL, 6, 7]);
  });
});

describe('shearRotate', () => {
  it('changes patches at strength 1', () => {
    const rng = createRng(8);
    const shape = { size: 8, channels: 1 as const, scratch: new Float32Array(64) };
    const input = Float32Array.from({ length: 64 }, () => rng.next());
    const patch = input.slice();
    shearRotate(patch, shape, 1, rng);
    expect(patch).not.toEqual(input);
  });
});
