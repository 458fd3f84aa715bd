import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { generateSyntheticShapes } from '../data/synthetic';
import { maxAbsDiff, useCpuBackend } from '../testing/tfTest';
import { tinyConfig } from '../testing/tinyConfig';
import { CpcModel } from './cpcModel';
import {
  EMBED_PATCHES,
  embedBatchImages,
  embedImageFeatures,
  IMAGE_FEATURES,
  imageFeatureDim,
  poolOnGrid,
} from './imageFeatures';

useCpuBackend();

describe('poolOnGrid', () => {
  it('averages each cell, cells overlapping by a row when the grid does not divide (hand-computed)', async () => {
    // One image, a 3×3 grid of 1-D codes 0..8 (row-major). Two cells per side cover rows/cols {0,1} and {1,2}.
    const z = tf.tensor4d([0, 1, 2, 3, 4, 5, 6, 7, 8], [1, 3, 3, 1]);
    const pooled = poolOnGrid(z, 2);
    // Top-left {0,1,3,4} = 2; top-right {1,2,4,5} = 3; bottom-left {3,4,6,7} = 5; bottom-right {4,5,7,8} = 6.
    expect(Array.from(await pooled.data())).toEqual([2, 3, 5, 6]);
    expect(Array.from(await poolOnGrid(z, 1).data())).toEqual([4]);
    tf.dispose([z, pooled]);
  });
});

describe('embedImageFeatures', () => {
  // 28 px images, 8 px patches at stride 4: a 6×6 grid, which 2 and 3 cells divide exactly.
  const config = tinyConfig({ imageSize: 28, kMax: 3 });
  const set = generateSyntheticShapes({ count: 5, size: 28, seed: 2 });

  it('gives every feature its documented width, independent of batching, without leaking', async () => {
    const model = new CpcModel(config);
    const before = tf.memory().numTensors;
    const all = await embedImageFeatures(model, set, IMAGE_FEATURES);
    const one = await embedImageFeatures(model, set, IMAGE_FEATURES, [3]);
    expect(tf.memory().numTensors).toBe(before);
    const d = config.codeSize;
    const widths = {
      'mean-z': d,
      'grid2-z': 4 * d,
      'grid3-z': 9 * d,
      'z-c': d + config.contextHidden,
      hidden: 8,
    };
    for (const feature of IMAGE_FEATURES) {
      const dim = imageFeatureDim(model, feature);
      expect(dim, feature).toBe(widths[feature]);
      expect(all.get(feature)!.length).toBe(5 * dim);
      expect(maxAbsDiff(one.get(feature)!, all.get(feature)!.subarray(3 * dim, 4 * dim))).toBeLessThan(1e-5);
    }
    model.dispose();
  });

  it('encodes at most EMBED_PATCHES patches per pass, and the passes do not change the rows', async () => {
    expect(EMBED_PATCHES).toBe(512);
    expect(embedBatchImages(6)).toBe(14); // 36 patches an image
    expect(embedBatchImages(7)).toBe(10); // 49
    expect(embedBatchImages(40)).toBe(1); // 1,600: one image, even over the bound
    const model = new CpcModel(config);
    const many = generateSyntheticShapes({ count: 30, size: 28, seed: 3 }); // passes of 14, 14 and 2
    const all = (await embedImageFeatures(model, many, ['mean-z'])).get('mean-z')!;
    const d = config.codeSize;
    for (const i of [0, 13, 14, 28, 29]) {
      const alone = (await embedImageFeatures(model, many, ['mean-z'], [i])).get('mean-z')!;
      expect(maxAbsDiff(alone, all.subarray(i * d, (i + 1) * d)), `image ${i}`).toBeLessThan(1e-5);
    }
    model.dispose();
  });

  it('mean z is the mean of the grid cells when the cells tile the grid; z ⊕ c starts with mean z', async () => {
    const model = new CpcModel(config);
    const out = await embedImageFeatures(model, set, ['mean-z', 'grid2-z', 'grid3-z', 'z-c']);
    const d = config.codeSize;
    for (const [feature, cells] of [
      ['grid2-z', 4],
      ['grid3-z', 9],
    ] as const) {
      const pooled = out.get(feature)!;
      const meanOfCells = Float32Array.from({ length: 5 * d }, (_, i) => {
        const [n, k] = [Math.floor(i / d), i % d];
        let sum = 0;
        for (let c = 0; c < cells; c++) sum += pooled[n * cells * d + c * d + k];
        return sum / cells;
      });
      expect(maxAbsDiff(meanOfCells, out.get('mean-z')!)).toBeLessThan(1e-5);
    }
    const zc = out.get('z-c')!;
    const width = d + config.contextHidden;
    for (let n = 0; n < 5; n++) {
      expect(
        maxAbsDiff(zc.subarray(n * width, n * width + d), out.get('mean-z')!.subarray(n * d, (n + 1) * d)),
      ).toBeLessThan(1e-6);
    }
    model.dispose();
  });
});
