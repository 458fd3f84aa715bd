import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { generateSyntheticShapes } from '../data/synthetic';
import { CpcModel } from '../model/cpcModel';
import { useCpuBackend } from '../testing/tfTest';
import { tinyConfig } from '../testing/tinyConfig';
import { subsetImages } from '../data/imageSet';
import { compareWithRandomInit, probeModel, probePixels } from './probeComparison';

useCpuBackend();

describe('the CPC vs random-init vs pixels probe', () => {
  it('reports linear and kNN accuracy for every feature, both encoders and pixels, without leaking tensors', async () => {
    const model = new CpcModel(tinyConfig());
    const train = generateSyntheticShapes({ count: 36, size: 16, seed: 3 });
    const test = generateSyntheticShapes({ count: 12, size: 16, seed: 4 });
    const before = tf.memory().numTensors;
    const result = await compareWithRandomInit(model, train, test, {
      feature: 'mean-z',
      features: ['grid2-z'],
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.feature).toBe('mean-z');
    expect(Object.keys(result.features).sort()).toEqual(['grid2-z', 'mean-z']);
    expect(result.features['mean-z']).toEqual({ cpc: result.cpc, randomInit: result.randomInit });
    const all = [result.pixels!, ...Object.values(result.features).flatMap((f) => [f.cpc, f.randomInit])];
    for (const scores of all) {
      for (const v of [scores.linear, scores.knn]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        expect(Math.round(v * 12)).toBeCloseTo(v * 12, 6); // a fraction of the 12 test images
      }
    }
    // An untrained model is its own random-init baseline.
    expect(result.features['grid2-z']!.cpc).toEqual(result.features['grid2-z']!.randomInit);
    expect((await compareWithRandomInit(model, train, test, { pixels: false })).pixels).toBeNull();
    model.dispose();
  });

  it('scores images picked by index exactly as the same images copied out, batch norm calibrated on them', async () => {
    const model = new CpcModel(tinyConfig({ norm: 'batch' }));
    const set = generateSyntheticShapes({ count: 60, size: 16, seed: 5 });
    const train = Int32Array.from({ length: 30 }, (_, i) => (i * 7) % 60);
    const test = Int32Array.from({ length: 12 }, (_, i) => 59 - i * 2);
    const picked = { train: { set, indices: train }, test: { set, indices: test } };
    const copied = { train: subsetImages(set, train), test: subsetImages(set, test) };
    const features = ['mean-z', 'grid2-z'] as const;
    const before = tf.memory().numTensors;
    const byIndex = await probeModel(model, picked.train, picked.test, features);
    expect(tf.memory().numTensors).toBe(before);
    expect(byIndex).toEqual(await probeModel(model, copied.train, copied.test, features));
    expect(await probePixels(picked.train, picked.test)).toEqual(
      await probePixels(copied.train, copied.test),
    );
    model.dispose();
  });
});
