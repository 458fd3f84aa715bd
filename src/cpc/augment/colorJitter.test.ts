import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { adjustColor, colorJitter } from './colorJitter';

const TOL = 6;

describe('adjustColor', () => {
  it('adds brightness and scales about the patch mean, then clamps', () => {
    const patch = Float32Array.from([0.2, 0.4, 0.6, 0.8]);
    adjustColor(patch, 1, 0.1, 1.5, 1);
    // mean 0.5: (v − 0.5)·1.5 + 0.5 + 0.1 = 0.15, 0.45, 0.75, 1.05 → 1.
    [0.15, 0.45, 0.75, 1].forEach((v, i) => expect(patch[i]).toBeCloseTo(v, TOL));
  });

  it('scales saturation about each pixel’s luma', () => {
    const patch = Float32Array.from([0.5, 0.3, 0.1]);
    adjustColor(patch, 3, 0, 1, 2);
    // luma = 0.299·0.5 + 0.587·0.3 + 0.114·0.1 = 0.337; 0.337 + 2·(v − 0.337) = 0.663, 0.263, −0.137 → 0.
    [0.663, 0.263, 0].forEach((v, i) => expect(patch[i]).toBeCloseTo(v, TOL));
  });

  it('turns a pixel gray at saturation 0', () => {
    const patch = Float32Array.from([0.5, 0.3, 0.1]);
    adjustColor(patch, 3, 0, 1, 0);
    [0.337, 0.337, 0.337].forEach((v, i) => expect(patch[i]).toBeCloseTo(v, TOL));
  });
});

describe('colorJitter', () => {
  it('changes patches at strength 1 and keeps them in [0, 1]', () => {
    const rng = createRng(4);
    const shape = { size: 4, channels: 3 as const, scratch: new Float32Array(48) };
    for (let trial = 0; trial < 50; trial++) {
      const input = Float32Array.from({ length: 48 }, () => rng.next());
      const patch = input.slice();
      colorJitter(patch, shape, 1, rng);
      expect(patch).not.toEqual(input);
      expect(Math.min(...patch)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...patch)).toBeLessThanOrEqual(1);
    }
  });
});
