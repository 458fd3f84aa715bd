import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { clusteredFeatures } from '../testing/clusteredFeatures';
import { randomLabelledRows } from '../testing/randomRows';
import { peakTensorBytes } from '../testing/tfTest';
import { KNN_NEIGHBOURS, knnAccuracy } from './knn';
import { EvaluationStopped } from './stopCheck';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** One 2-D query with the given label. */
function query(x: number, y: number, label: number) {
  return { features: Float32Array.from([x, y]), labels: Int32Array.from([label]) };
}

describe('knnAccuracy', () => {
  // Cosines to the query (1, 0) are the x coordinates: 0.9 (class 0), 0.85 and 0.85 (class 1), −1 (class 0).
  const train = {
    features: Float32Array.from([
      0.9,
      Math.sqrt(1 - 0.81),
      0.85,
      Math.sqrt(1 - 0.7225),
      0.85,
      -Math.sqrt(1 - 0.7225),
      -1,
      0,
    ]),
    labels: Int32Array.from([0, 1, 1, 0]),
  };

  it('weights votes by exp(cosine / 0.07), hand-checked on four points', async () => {
    // k = 3: class 0 gets e^(0.9/0.07) = 3.83e5, class 1 gets 2·e^(0.85/0.07) = 3.75e5, so class 0 wins
    // (a plain majority, or weights linear in the cosine, 0.9 < 1.7, would pick class 1).
    expect(await knnAccuracy(train, query(1, 0, 0), 2, 2, 3)).toBe(1);
    expect(await knnAccuracy(train, query(1, 0, 1), 2, 2, 3)).toBe(0);
    // k = 2 leaves one neighbour per class: 0.9 beats 0.85.
    expect(await knnAccuracy(train, query(1, 0, 0), 2, 2, 2)).toBe(1);
    // The query (0, 1) has cosines 0.436 (class 0), 0.527 and −0.527 (class 1), 0 (class 0). k = 3:
    // class 1 gets e^(0.527/0.07) = 1855 against e^(0.436/0.07) + e^0 = 507 for class 0.
    expect(await knnAccuracy(train, query(0, 1, 1), 2, 2, 3)).toBe(1);
    // k larger than the train set uses all four points; the far point adds e^(−1/0.07) ≈ 6e−7 to class 0.
    expect(await knnAccuracy(train, query(1, 0, 0), 2, 2, 50)).toBe(1);
  });

  it('breaks an exact tie toward the lower class index', async () => {
    const mirrored = { features: Float32Array.from([0.6, 0.8, 0.6, -0.8]), labels: Int32Array.from([1, 0]) };
    const queries = { features: Float32Array.from([1, 0, 2, 0]), labels: Int32Array.from([0, 1]) };
    expect(await knnAccuracy(mirrored, queries, 2, 2, 2)).toBe(0.5);
  });

  it('scores well-separated clusters perfectly with the default k = 20', async () => {
    const clusteredTrain = clusteredFeatures(4, 25, 8, 1);
    const clusteredTest = clusteredFeatures(4, 10, 8, 2);
    expect(await knnAccuracy(clusteredTrain, clusteredTest, 8, 4)).toBe(1);
  });

  it('asks stop before each block of queries and, told to stop, throws EvaluationStopped and frees its tensors', async () => {
    const clusteredTrain = clusteredFeatures(4, 25, 8, 1);
    const clusteredTest = clusteredFeatures(4, 10, 8, 2);
    const before = tf.memory().numTensors;
    let asked = 0;
    expect(
      await knnAccuracy(clusteredTrain, clusteredTest, 8, 4, KNN_NEIGHBOURS, () => (asked++, false)),
    ).toBe(1);
    expect(asked).toBe(1); // 40 queries: one block
    await expect(
      knnAccuracy(clusteredTrain, clusteredTest, 8, 4, KNN_NEIGHBOURS, async () => true),
    ).rejects.toThrow(EvaluationStopped);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('holds the bank about twice at most, made a block of rows at a time', async () => {
    // 600 train rows of 256 features (three blocks of ROW_BLOCK), 100 queries: the peak in units of the
    // train rows' bytes, as tfjs counts tensors: 2.31 (the blocks and their concatenation, or the bank
    // beside a block's [N, 100] scores); 4.0 when the rows, their squares, their unit-length copy and its
    // transpose were made whole in one tidy.
    const rng = createRng(5);
    const bank = randomLabelledRows(rng, 600, 256, 4);
    const queries = randomLabelledRows(rng, 100, 256, 4);
    const peak = await peakTensorBytes(bank.features.byteLength, () => knnAccuracy(bank, queries, 256, 4));
    expect(peak).toBeLessThan(2.6);
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await knnAccuracy(train, query(1, 0, 0), 2, 2, 3);
    expect(tf.memory().numTensors).toBe(before);
  });
});
