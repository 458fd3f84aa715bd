import { describe, it, expect } from 'vitest';
import { withChannels, type ImageSet } from './imageSet';
import { generateTextures, TEXTURE_CLASSES } from './textures';
import { bytesOf } from '../testing/bytesOf';

const CLASSES = TEXTURE_CLASSES.length;

describe('generateTextures', () => {
  it('fills [count, size, size, 3] bytes over the full range, RGB by default', () => {
    const set = generateTextures({ count: 20, size: 16, seed: 1 });
    expect(set).toMatchObject({ count: 20, size: 16, channels: 3, classNames: [...TEXTURE_CLASSES] });
    expect(bytesOf(set)).toHaveLength(20 * 16 * 16 * 3);
    expect(Math.min(...bytesOf(set))).toBeLessThan(40);
    expect(Math.max(...bytesOf(set))).toBeGreaterThan(215);
  });

  it('makes grayscale as the luma of the RGB images', () => {
    const rgb = generateTextures({ count: 4, size: 8, seed: 2 });
    const gray = generateTextures({ count: 4, size: 8, seed: 2, channels: 1 });
    expect(gray.pixels).toHaveLength(4 * 8 * 8);
    const converted = bytesOf(withChannels(rgb, 1));
    // Where no channel clipped, the luma of rounded bytes is off by at most one.
    const unclipped = (i: number) =>
      bytesOf(rgb)
        .subarray(3 * i, 3 * i + 3)
        .every((v) => v > 0 && v < 255);
    const gaps = Array.from(bytesOf(gray), (v, i) => (unclipped(i) ? Math.abs(v - converted[i]) : 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1);
  });

  it('is the same for a seed and differs for another', () => {
    const a = generateTextures({ count: 10, size: 12, seed: 5 });
    expect(generateTextures({ count: 10, size: 12, seed: 5 })).toEqual(a);
    const b = generateTextures({ count: 10, size: 12, seed: 6 });
    expect(b.labels).toEqual(a.labels);
    expect(b.pixels).not.toEqual(a.pixels);
  });

  it('labels every class equally often', () => {
    const { labels } = generateTextures({ count: 3 * CLASSES, size: 4, seed: 1 });
    const counts = new Array<number>(CLASSES).fill(0);
    labels?.forEach((label) => counts[label]++);
    expect(counts).toEqual(new Array<number>(CLASSES).fill(3));
  });
});

/** 50 images a class at 16 px: statistics fitted on one seed, scored on another. */
const fit = generateTextures({ count: 50 * CLASSES, size: 16, seed: 1 });
const held = generateTextures({ count: 50 * CLASSES, size: 16, seed: 2 });
const labelsOf = (set: ImageSet) => set.labels ?? new Int32Array(0);

describe('what tells the texture classes apart', () => {
  it('is not the mean colour', () => {
    const means = meanColours(fit);
    for (let c = 0; c < 3; c++) {
      const { between, within } = spreads(
        means.map((m) => m[c]),
        labelsOf(fit),
      );
      // No class effect leaves the class means only sampling noise apart: within / √50 ≈ 0.14 within.
      expect(between).toBeLessThan(0.3 * within);
    }
    expect(nearestCentroidAccuracy(means, fit, meanColours(held), held)).toBeLessThan(2 / CLASSES);
  });

  it('is structure: gradient direction splits the stripes, and local statistics name most classes', () => {
    const energies = gradientEnergies(fit);
    const verticalShare = energies.map(([dx, dy]) => dy / (dx + dy));
    const of = (name: string) => verticalShare.filter((_, i) => fit.classNames[labelsOf(fit)[i]] === name);
    expect(Math.min(...of('stripes-h'))).toBeGreaterThan(0.7);
    expect(Math.max(...of('stripes-v'))).toBeLessThan(0.3);
    // The classifier that mean colour leaves near chance reads most classes off these statistics.
    expect(nearestCentroidAccuracy(energies, fit, gradientEnergies(held), held)).toBeGreaterThan(0.5);
  });
});

function meanColours(set: ImageSet): number[][] {
  const pixels = set.size * set.size;
  return Array.from({ length: set.count }, (_, i) => {
    const sum = [0, 0, 0];
    for (let p = 0; p < pixels; p++) {
      for (let c = 0; c < 3; c++) sum[c] += bytesOf(set)[(i * pixels + p) * 3 + c];
    }
    return sum.map((s) => s / (255 * pixels));
  });
}

/** Standard deviation of the class means, and the pooled standard deviation within classes. */
function spreads(values: number[], labels: Int32Array): { between: number; within: number } {
  const sums = new Array<number>(CLASSES).fill(0);
  const counts = new Array<number>(CLASSES).fill(0);
  values.forEach((v, i) => {
    sums[labels[i]] += v;
    counts[labels[i]]++;
  });
  const means = sums.map((s, l) => s / counts[l]);
  const grand = means.reduce((a, b) => a + b, 0) / CLASSES;
  const between = Math.sqrt(means.reduce((a, m) => a + (m - grand) ** 2, 0) / CLASSES);
  const within = Math.sqrt(values.reduce((a, v, i) => a + (v - means[labels[i]]) ** 2, 0) / values.length);
  return { between, within };
}

/** Luma differences at short offsets (→, ↓, ↘, ↗, and twice as far), as shares of their total energy. */
function gradientEnergies(set: ImageSet): number[][] {
  const offsets = [
    [1, 0],
    [0, 1],
    [1, 1],
    [1, -1],
    [2, 0],
    [0, 2],
    [2, 2],
    [2, -2],
  ];
  const { size } = set;
  return Array.from({ length: set.count }, (_, i) => {
    const luma = (x: number, y: number) => {
      const o = ((i * size + y) * size + x) * 3;
      return 0.299 * bytesOf(set)[o] + 0.587 * bytesOf(set)[o + 1] + 0.114 * bytesOf(set)[o + 2];
    };
    const energy = offsets.map(([dx, dy]) => {
      let sum = 0;
      for (let y = 2; y < size - 2; y++) {
        for (let x = 0; x < size - 2; x++) sum += (luma(x + dx, y + dy) - luma(x, y)) ** 2;
      }
      return sum;
    });
    const total = energy.reduce((a, b) => a + b, 0);
    return energy.map((e) => e / total);
  });
}

/** Accuracy on `test` of assigning each feature row to the nearest class mean of `train`'s rows. */
function nearestCentroidAccuracy(
  trainRows: number[][],
  train: ImageSet,
  testRows: number[][],
  test: ImageSet,
) {
  const perClass = train.count / CLASSES;
  const centroids = Array.from({ length: CLASSES }, () => new Array<number>(trainRows[0].length).fill(0));
  trainRows.forEach((row, i) => row.forEach((v, j) => (centroids[labelsOf(train)[i]][j] += v / perClass)));
  const distance = (a: number[], b: number[]) => a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);
  const hits = testRows.filter((row, i) => {
    const nearest = centroids.reduce(
      (best, c, l) => (distance(row, c) < distance(row, centroids[best]) ? l : best),
      0,
    );
    return nearest === labelsOf(test)[i];
  });
  return hits.length / testRows.length;
}
