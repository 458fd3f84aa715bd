import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nearestNeighbours, precisionAtK } from './nearestNeighbours';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Five 2-D rows. Cosines to row 0 = (1, 0): 1, 2/√5, 0, −1/√2, 3/√9.25.
const features = Float32Array.from([1, 0, 2, 1, 0, 3, -1, -1, 3, -0.5]);

function expectScores(actual: Float32Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expect(Math.abs(actual[i] - value)).toBeLessThan(1e-5));
}

describe('nearestNeighbours', () => {
  it('ranks rows by cosine similarity to a query row, leaving the row itself out by default', async () => {
    const { indices, scores } = await nearestNeighbours(features, 2, 0, 3);
    expect([...indices]).toEqual([4, 1, 2]);
    expectScores(scores, [3 / Math.sqrt(9.25), 2 / Math.sqrt(5), 0]);
  });

  it('keeps the query row when excludeSelf is false', async () => {
    const { indices, scores } = await nearestNeighbours(features, 2, 0, 3, { excludeSelf: false });
    expect([...indices]).toEqual([0, 4, 1]);
    expectScores(scores, [1, 3 / Math.sqrt(9.25), 2 / Math.sqrt(5)]);
  });

  it('accepts a query vector and caps k at the number of rows', async () => {
    // Cosines to (0, −2): 0, −1/√5, −1, 1/√2, 1/(2√9.25).
    const { indices, scores } = await nearestNeighbours(features, 2, Float32Array.from([0, -2]), 10);
    expect([...indices]).toEqual([3, 4, 0, 1, 2]);
    expectScores(scores, [Math.SQRT1_2, 1 / (2 * Math.sqrt(9.25)), 0, -1 / Math.sqrt(5), -1]);
  });

  it('returns at most N − 1 neighbours of a row when excluding it', async () => {
    const { indices } = await nearestNeighbours(features, 2, 2, 10);
    expect(indices.length).toBe(4);
    expect([...indices]).not.toContain(2);
  });

  it('rejects a query of the wrong length or an index out of range', async () => {
    await expect(nearestNeighbours(features, 2, Float32Array.from([1, 2, 3]), 2)).rejects.toThrow(RangeError);
    await expect(nearestNeighbours(features, 2, 5, 2)).rejects.toThrow(RangeError);
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await nearestNeighbours(features, 2, 1, 2);
    await nearestNeighbours(features, 2, Float32Array.from([1, 1]), 2);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('precisionAtK', () => {
  it('is the fraction of neighbours that share the query label', () => {
    expect(precisionAtK([1, 2, 1, 1], 1)).toBe(0.75);
    expect(precisionAtK(Int32Array.from([0, 0]), 3)).toBe(0);
    expect(precisionAtK([], 3)).toBe(0);
  });
});
