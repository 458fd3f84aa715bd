import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyScaling, standardisedRows } from './standardise';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('standardisedRows and applyScaling', () => {
  it("scale both splits by the train split's statistics, leaving constant features unscaled", async () => {
    // Train column 0: mean 2, std 1; column 1: constant 10 (std 0, so scale 1).
    const before = tf.memory().numTensors;
    const { rows, scaling } = standardisedRows(Float32Array.from([1, 10, 3, 10]), 2, 2);
    const test = applyScaling(Float32Array.from([5, 12]), 1, 2, scaling);
    expect(Array.from(await rows.data())).toEqual([-1, 0, 1, 0]);
    expect(Array.from(await test.data())).toEqual([3, 2]);
    tf.dispose([rows, test, scaling.mean, scaling.scale]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('computes what tf.moments computes, bit for bit', async () => {
    const features = Float32Array.from({ length: 37 * 11 }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 5)));
    const { rows, scaling } = standardisedRows(features, 37, 11);
    const expected = tf.tidy(() => {
      const x = tf.tensor2d(features, [37, 11]);
      const { mean, variance } = tf.moments(x, 0, true);
      const std = tf.sqrt(variance);
      return x.sub(mean).div(tf.where(tf.greater(std, tf.backend().epsilon()), std, tf.onesLike(std)));
    });
    expect(await rows.data()).toEqual(await expected.data());
    tf.dispose([rows, expected, scaling.mean, scaling.scale]);
  });
});
