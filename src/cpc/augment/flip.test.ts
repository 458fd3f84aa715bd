import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { flipLeftRight, randomFlip } from './flip';

describe('flipLeftRight', () => {
  it('mirrors each row of a 3×3 grayscale patch', () => {
    const patch = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    flipLeftRight(patch, 3, 1);
    expect(Array.from(patch)).toEqual([3, 2, 1, 6, 5, 4, 9, 8, 7]);
  });

  it('moves whole RGB pixels of a 2×2 patch, keeping channel order', () => {
    const patch = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    flipLeftRight(patch, 2, 3);
    expect(Array.from(patch)).toEqual([4, 5, 6, 1, 2, 3, 10, 11, 12, 7, 8, 9]);
  });
});

describe('randomFlip', () => {
  const shape = { size: 2, channels: 1 as const, scratch: new Float32Array(4) };

  it('always flips at probability 1 and never at 0', () => {
    const always = Float32Array.from([1, 2, 3, 4]);
    const never = Float32Array.from([1, 2, 3, 4]);
    randomFlip(always, shape, 1, createRng(5));
    randomFlip(never, shape, 0, createRng(5));
    expect(Array.from(always)).toEqual([2, 1, 4, 3]);
    expect(Array.from(never)).toEqual([1, 2, 3, 4]);
  });

  it('flips about the given fraction of patches', () => {
    const rng = createRng(9);
    let flipped = 0;
    for (let i = 0; i < 2000; i++) {
      const patch = Float32Array.from([1, 2, 3, 4]);
      randomFlip(patch, shape, 0.3, rng);
      if (patch[0] === 2) flipped++;
    }
    expect(flipped / 2000).toBeGreaterThan(0.26);
    expect(flipped / 2000).toBeLessThan(0.34);
  });
});
