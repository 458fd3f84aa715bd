import { describe, expect, it } from 'vitest';
import type { MetricsBucket, MetricsHistory } from '../store/metricsHistory';
import { mergeCurves } from './mergeCurves';

const bucket = (step: number, rows: number, lossEma: number, accuracySum: number): MetricsBucket => ({
  step,
  rows,
  lossSum: 0,
  lossMin: 0,
  lossMax: 0,
  lossEma,
  accuracySum,
  accuracyPerKSum: [],
  learningRate: 0,
});
const history = (width: number, buckets: MetricsBucket[]): MetricsHistory => ({
  buckets,
  width,
  ks: [],
  totalRows: buckets.reduce((n, b) => n + b.rows, 0),
});

describe('mergeCurves', () => {
  it('puts runs with different bucket widths on one sorted step axis, null where a run has no point', () => {
    const a = history(1, [bucket(1, 1, 2, 0.5), bucket(2, 1, 1.5, 1), bucket(3, 1, 1.25, 0)]);
    const b = history(2, [bucket(2, 2, 3, 0.5), bucket(4, 2, 2.5, 1.5)]);
    expect(mergeCurves([a, b])).toEqual([
      { step: 1, loss: [2, null], accuracy: [0.5, null] },
      { step: 2, loss: [1.5, 3], accuracy: [1, 0.25] },
      { step: 3, loss: [1.25, null], accuracy: [0, null] },
      { step: 4, loss: [null, 2.5], accuracy: [null, 0.75] },
    ]);
  });

  it('leaves a non-finite smoothed loss out of the line', () => {
    const a = history(1, [bucket(5, 1, NaN, 1)]);
    expect(mergeCurves([a])).toEqual([{ step: 5, loss: [null], accuracy: [1] }]);
  });

  it('gives no rows for runs without steps', () => {
    expect(mergeCurves([history(1, []), history(1, [])])).toEqual([]);
  });
});
