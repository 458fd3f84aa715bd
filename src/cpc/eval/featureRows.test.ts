import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { clusteredFeatures } from '../testing/clusteredFeatures';
import { useCpuBackend } from '../testing/tfTest';
import {
  mapRowBlocks,
  ROW_BLOCK,
  rowCount,
  rowsTensor,
  unitRows,
  type LabelledFeatures,
  type RowBlocks,
} from './featureRows';
import { KNN_NEIGHBOURS, knnAccuracy } from './knn';
import { linearProbe } from './linearProbe';

useCpuBackend();

/** The rows of a flat [N, D] array served a block at a time, counting the blocks asked for. */
function asBlocks(features: Float32Array, dim: number): RowBlocks & { asked: number } {
  const blocks = {
    count: features.length / dim,
    asked: 0,
    block(start: number, rows: number) {
      blocks.asked++;
      return features.slice(start * dim, (start + rows) * dim);
    },
  };
  return blocks;
}

describe('feature rows made a block at a time', () => {
  const dim = 6;
  // 3 × 230 = 690 rows: three blocks of ROW_BLOCK, the last one short.
  const train = clusteredFeatures(3, 230, dim, 11, 2, 1.5);
  const test = clusteredFeatures(3, 40, dim, 12, 2, 1.5);
  const blocked = (set: typeof train): LabelledFeatures => ({
    features: asBlocks(set.features, dim),
    labels: set.labels,
  });

  it('make the same tensor as the flat rows, block by block', async () => {
    const blocks = asBlocks(train.features, dim);
    expect(rowCount(blocks, dim)).toBe(690);
    const before = tf.memory().numTensors;
    const all = rowsTensor(blocks, dim);
    expect(blocks.asked).toBe(Math.ceil(690 / ROW_BLOCK));
    expect(all.shape).toEqual([690, dim]);
    expect(await all.data()).toEqual(train.features);
    const middle = rowsTensor(blocks, dim, 250, 300); // across a block boundary
    expect(await middle.data()).toEqual(train.features.subarray(250 * dim, 550 * dim));
    tf.dispose([all, middle]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('map each block before joining them, the same as mapping all the rows at once, flat or in blocks', async () => {
    const before = tf.memory().numTensors;
    const whole = tf.tidy(() => unitRows(tf.tensor2d(train.features, [690, dim]).slice(250, 300))); // [300, D]
    const expected = await whole.data();
    for (const features of [train.features, asBlocks(train.features, dim)]) {
      const mapped = mapRowBlocks(features, dim, 250, 300, unitRows); // across a block boundary
      expect(mapped.shape).toEqual([300, dim]);
      expect(await mapped.data()).toEqual(expected);
      mapped.dispose();
    }
    whole.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('give the linear probe and kNN the same scores as the flat rows', async () => {
    const flat = await linearProbe(train, test, dim, 3, { epochs: 40 });
    expect(flat.testAccuracy).toBeGreaterThan(0.5); // the clusters overlap: not a trivial 1
    expect(await linearProbe(blocked(train), blocked(test), dim, 3, { epochs: 40 })).toEqual(flat);
    const knn = await knnAccuracy(train, test, dim, 3, KNN_NEIGHBOURS);
    expect(await knnAccuracy(blocked(train), blocked(test), dim, 3, KNN_NEIGHBOURS)).toBe(knn);
  });

  it('still refuse a flat array that is not [N, D]', () => {
    expect(() => rowCount(new Float32Array(7), 2)).toThrow(RangeError);
    expect(() => rowCount(asBlocks(new Float32Array(4), 2), 0)).toThrow(RangeError);
  });
});
