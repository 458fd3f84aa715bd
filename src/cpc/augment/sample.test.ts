import { describe, expect, it } from 'vitest';
import { FILL } from './patchAugmentation';
import { sampleBilinear } from './sample';

// 2×2 RGB patch: pixel (x, y) has channels (x, y, 1).
const src = Float32Array.from([0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1]);
const sample = (x: number, y: number) => {
  const out = new Float32Array(3);
  sampleBilinear(src, 2, 3, x, y, out, 0);
  return Array.from(out);
};

describe('sampleBilinear', () => {
  it('returns pixels exactly at whole coordinates', () => {
    expect(sample(1, 0)).toEqual([1, 0, 1]);
    expect(sample(0, 1)).toEqual([0, 1, 1]);
  });

  it('interpolates between pixels', () => {
    const [r, g, b] = sample(0.25, 0.5);
    expect(r).toBeCloseTo(0.25, 6);
    expect(g).toBeCloseTo(0.5, 6);
    expect(b).toBeCloseTo(1, 6);
  });

  it('blends towards the fill outside the patch', () => {
    // Half a pixel right of (1, 0): half pixel (1, 0, 1), half fill.
    const [r, g, b] = sample(1.5, 0);
    expect(r).toBeCloseTo((1 + FILL) / 2, 6);
    expect(g).toBeCloseTo(FILL / 2, 6);
    expect(b).toBeCloseTo((1 + FILL) / 2, 6);
    expect(sample(-3, 7)).toEqual([FILL, FILL, FILL]);
  });
});
