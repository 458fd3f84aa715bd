import { describe, expect, it } from 'vitest';
import { generateSyntheticShapes } from '../data/synthetic';
import { subsetImages } from '../data/imageSet';
import { PIXEL_PROBE_MAX_SIDE, pixelFeatures } from './pixelFeatures';

const set = (size: number, channels: 1 | 3, fill: (i: number) => number) => ({
  pixels: Uint8Array.from({ length: size * size * channels }, (_, i) => fill(i)),
  count: 1,
  size,
  channels,
  labels: null,
  classNames: [],
});

describe('pixelFeatures', () => {
  it('keeps small images as they are, scaled to [0, 1]', () => {
    const { features, dim, side } = pixelFeatures(set(4, 3, (i) => i * 5));
    expect([dim, side]).toEqual([48, 4]);
    expect(features[0]).toBe(0);
    expect(features[47]).toBeCloseTo((47 * 5) / 255, 6);
  });

  it('box-averages larger images down to at most the probe side (hand-computed corner)', () => {
    const size = 2 * PIXEL_PROBE_MAX_SIDE; // factor 2
    // Grey values: 255 on even columns, 0 on odd ones: every 2×2 box averages to 0.5.
    const { features, dim, side } = pixelFeatures(set(size, 1, (i) => (i % 2 === 0 ? 255 : 0)));
    expect(side).toBe(PIXEL_PROBE_MAX_SIDE);
    expect(dim).toBe(PIXEL_PROBE_MAX_SIDE ** 2);
    expect(features.every((v) => Math.abs(v - 0.5) < 1e-6)).toBe(true);
  });

  it('reads only the given images, in their order, as from a copy of them', () => {
    const images = generateSyntheticShapes({ count: 5, size: 40, seed: 2 });
    const indices = Int32Array.from([4, 0, 3]);
    expect(pixelFeatures({ set: images, indices })).toEqual(pixelFeatures(subsetImages(images, indices)));
  });
});
