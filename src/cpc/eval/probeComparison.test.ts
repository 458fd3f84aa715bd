import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { generateSyntheticShapes } from '../data/synthetic';
import { CpcModel } from '../model/cpcModel';
import { embedImages } from '../model/embed';
import { useCpuBackend } from '../testing/tfTest';
import { tinyConfig } from '../testing/tinyConfig';
import { compareWithRandomInit } from './probeComparison';

useCpuBackend();

describe('embedding and the CPC vs random-init probe', () => {
  it('embeds each image as the mean of its patch codes, independent of batching', async () => {
    const model = new CpcModel(tinyConfig());
    const set = generateSyntheticShapes({ count: 5, size: 16, seed: 2 });
    const all = await embedImages(model, set);
    const one = await embedImages(model, set, [3]);
    expect(all.length).toBe(5 * 8);
    for (let i = 0; i < 8; i++) expect(one[i]).toBeCloseTo(all[3 * 8 + i], 5);
    model.dispose();
  });

  it('reports linear and kNN accuracy for both encoders, without leaking tensors', async () => {
    const model = new CpcModel(tinyConfig());
    const train = generateSyntheticShapes({ count: 36, size: 16, seed: 3 });
    const test = generateSyntheticShapes({ count: 12, size: 16, seed: 4 });
    const before = tf.memory().numTensors;
    const result = await compareWithRandomInit(model, train, test);
    expect(tf.memory().numTensors).toBe(before);
    for (const scores of [result.cpc, result.randomInit]) {
      for (const v of [scores.linear, scores.knn]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        expect(Math.round(v * 12)).toBeCloseTo(v * 12, 6); // a fraction of the 12 test images
      }
    }
    // An untrained model is its own random-init baseline.
    expect(result.cpc).toEqual(result.randomInit);
    model.dispose();
  });
});
