import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { standardise } from './standardise';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('standardise', () => {
  it("scales both splits by the train split's statistics, leaving constant features unscaled", async () => {
    // Train column 0: mean 2, std 1; column 1: constant 10 (std 0, so scale 1).
    const train = tf.tensor2d([1, 10, 3, 10], [2, 2]);
    const test = tf.tensor2d([5, 12], [1, 2]);
    const before = tf.memory().numTensors;
    const [trainOut, testOut] = standardise(train, test);
    expect(Array.from(await trainOut.data())).toEqual([-1, 0, 1, 0]);
    expect(Array.from(await testOut.data())).toEqual([3, 2]);
    tf.dispose([trainOut, testOut]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([train, test]);
  });
});
