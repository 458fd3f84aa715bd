import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/tfTest';
import type { PredictionTable } from '../model/predictionTable';
import { METRIC, packMetrics } from './trainStep';

useCpuBackend();

describe('packMetrics', () => {
  it('packs the totals, then each k’s mean loss and accuracy over its own segment', async () => {
    const table = {
      count: 5,
      segments: [
        { k: 2, start: 0, length: 3 },
        { k: 3, start: 3, length: 2 },
      ],
    } as PredictionTable;
    const before = tf.memory().numTensors;
    const packed = tf.tidy(() =>
      packMetrics(
        tf.scalar(4.5),
        tf.tensor1d([1, 2, 6, 10, 20]),
        tf.tensor1d([1, 0, 1, 0, 1]),
        tf.scalar(0.25),
        tf.scalar(true, 'bool'),
        table,
      ),
    );
    const values = Array.from(await packed.data());
    packed.dispose();
    expect(values.slice(0, METRIC.perKStart)).toEqual([4.5, 0.6000000238418579, 0.25, 1]);
    const perK = values.slice(METRIC.perKStart);
    [3, 15, 2 / 3, 0.5].forEach((expected, i) => expect(perK[i]).toBeCloseTo(expected, 6));
    expect(tf.memory().numTensors).toBe(before);
  });
});
