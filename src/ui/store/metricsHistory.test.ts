import { describe, expect, it } from 'vitest';
import type { MetricsRow } from '../../worker/protocol';
import { appendRows, dropRowsAfter, EMA_ALPHA, EMPTY_HISTORY, MAX_BUCKETS } from './metricsHistory';

const row = (step: number, loss: number, accuracy = 0.5): MetricsRow => ({
  step,
  loss,
  accuracy,
  ks: [2],
  lossPerK: [loss],
  accuracyPerK: [accuracy],
  gradNorm: 1,
  learningRate: step * 1e-4,
  finite: true,
  batchSize: 2,
  stepMs: 1,
});

describe('appendRows', () => {
  it('keeps one bucket per row until the limit', () => {
    const history = appendRows(EMPTY_HISTORY, [row(1, 3), row(2, 1)], 4);
    expect(history.width).toBe(1);
    expect(history.buckets.map((b) => [b.step, b.lossSum, b.rows])).toEqual([
      [1, 3, 1],
      [2, 1, 1],
    ]);
    expect(history.ks).toEqual([2]);
    // EMA starts at the first loss: 3, then 3 + 0.02·(1 − 3) = 2.96.
    expect(history.buckets[1].lossEma).toBeCloseTo(3 + EMA_ALPHA * (1 - 3), 12);
  });

  it('merges neighbours pairwise past the limit, keeping means, ranges and the last learning rate', () => {
    const rows = [4, 2, 6, 0, 5].map((loss, i) => row(i + 1, loss, i / 10));
    const history = appendRows(EMPTY_HISTORY, rows, 4);
    // Five single buckets exceed 4: pairs (1,2) (3,4) (5) with width 2.
    expect(history.width).toBe(2);
    expect(history.buckets.map((b) => [b.step, b.rows, b.lossSum, b.lossMin, b.lossMax])).toEqual([
      [2, 2, 6, 2, 4],
      [4, 2, 6, 0, 6],
      [5, 1, 5, 5, 5],
    ]);
    expect(history.buckets[1].accuracySum).toBeCloseTo(0.2 + 0.3, 12);
    expect(history.buckets[1].accuracyPerKSum[0]).toBeCloseTo(0.5, 12);
    expect(history.buckets[1].learningRate).toBeCloseTo(4e-4, 12);
    // The next row fills the half-empty last bucket before a new one opens.
    const next = appendRows(history, [row(6, 1)], 4);
    expect(next.buckets.map((b) => b.rows)).toEqual([2, 2, 2]);
    expect(next.totalRows).toBe(6);
  });

  it('stays bounded over 100k steps appended in batches', () => {
    let history = EMPTY_HISTORY;
    for (let start = 1; start <= 100_000; start += 500) {
      const batch = Array.from({ length: 500 }, (_, i) => row(start + i, 1));
      history = appendRows(history, batch);
    }
    expect(history.buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(history.buckets.length).toBeGreaterThan(MAX_BUCKETS / 2);
    expect(history.buckets.reduce((sum, b) => sum + b.rows, 0)).toBe(100_000);
    expect(history.buckets.at(-1)?.step).toBe(100_000);
  });

  it('does not mutate the history it was given', () => {
    const first = appendRows(EMPTY_HISTORY, [row(1, 1)], 4);
    const snapshot = JSON.stringify(first);
    appendRows(first, [row(2, 2)], 4);
    expect(JSON.stringify(first)).toBe(snapshot);
  });
});

describe('dropRowsAfter', () => {
  it('keeps the whole buckets that end at or before the step, and appending goes on from there', () => {
    // Width 2 after five rows: buckets end at steps 2, 4 and 5.
    const history = appendRows(
      EMPTY_HISTORY,
      [4, 2, 6, 0, 5].map((loss, i) => row(i + 1, loss)),
      4,
    );
    const rewound = dropRowsAfter(history, 3);
    expect(rewound.buckets.map((b) => [b.step, b.rows])).toEqual([[2, 2]]);
    expect(rewound.totalRows).toBe(2);
    expect(rewound.width).toBe(2);
    const resumed = appendRows(rewound, [row(3, 1)], 4);
    expect(resumed.buckets.map((b) => [b.step, b.rows, b.lossSum])).toEqual([
      [2, 2, 6],
      [3, 1, 1],
    ]);
    expect(dropRowsAfter(history, 5)).toBe(history);
  });
});
