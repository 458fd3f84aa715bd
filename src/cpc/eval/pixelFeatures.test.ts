import { describe, expect, it } from 'vitest';
import { generateSyntheticShapes } from '../data/synthetic';
import { subsetImages } from '../data/imageSet';
import { PIXEL_PROBE_MAX_SIDE, pixelFeatureRows } from './pixelFeatures';

/** Every row at once, with the layout. */
const pixelFeatures = (images: Parameters<typeof pixelFeatureRows>[0]) => {
  const rows = pixelFeatureRows(images);
  return { features: rows.block(0, rows.count), dim: rows.dim, side: rows.side };
};

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

  it('makes any block of rows as the same rows of all of them', () => {
    const images = generateSyntheticShapes({ count: 7, size: 40, seed: 3, channels: 3 });
    const rows = pixelFeatureRows({ set: images, indices: Int32Array.from([6, 2, 5, 0, 1]) });
    const all = rows.block(0, 5);
    expect(rows.count).toBe(5);
    expect(rows.block(1, 3)).toEqual(all.subarray(rows.dim, 4 * rows.dim));
    expect(rows.block(5, 0)).toEqual(new Float32Array(0));
    expect(() => rows.block(3, 3)).toThrow(RangeError);
    expect(() => rows.block(-1, 1)).toThrow(RangeError);
  });
});
