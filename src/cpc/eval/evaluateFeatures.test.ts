import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainTestSplit } from '../data/split';
import { createRng } from '../random';
import { clusteredFeatures } from './clusteredFeatures.testing';
import { evaluateFeatures } from './evaluateFeatures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('evaluateFeatures', () => {
  it('reports linear and kNN test accuracy on a labelled set', async () => {
    const { features, labels } = clusteredFeatures(3, 30, 6, 1);
    const split = trainTestSplit(labels.length, labels, 0.3, createRng(1));
    const before = tf.memory().numTensors;
    expect(await evaluateFeatures(features, 6, labels, 3, split)).toEqual({ linear: 1, knn: 1 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('scores only the test rows of the split', async () => {
    // Test rows carry flipped labels: a scorer that looked at train rows would not get exactly 0.
    const { features, labels } = clusteredFeatures(2, 20, 4, 2);
    const split = trainTestSplit(labels.length, labels, 0.25, createRng(2));
    const flipped = labels.map((label, i) => (split.test.includes(i) ? 1 - label : label));
    expect(await evaluateFeatures(features, 4, flipped, 2, split)).toEqual({ linear: 0, knn: 0 });
  });

  it('returns null for an unlabelled set', async () => {
    const split = trainTestSplit(4, null, 0.5, createRng(3));
    expect(await evaluateFeatures(new Float32Array(8), 2, null, 0, split)).toBeNull();
  });
});
