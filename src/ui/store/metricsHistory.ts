import type { MetricsRow } from '../../worker/protocol';

/**
 * Step rows folded into a bounded number of buckets, so a 100k-step run costs the same memory and chart
 * time as a 500-step one. Each bucket covers `width` consecutive rows; when there are more than
 * `maxBuckets`, neighbours merge pairwise and the width doubles. A bucket keeps the mean and the range of
 * the loss, so spikes stay visible after downsampling.
 */
export interface MetricsBucket {
  /** Step of the bucket's last row (the x position in charts). */
  step: number;
  rows: number;
  lossSum: number;
  lossMin: number;
  lossMax: number;
  /** Smoothed loss (exponential moving average over raw rows) at the bucket's last row. */
  lossEma: number;
  accuracySum: number;
  /** Per step ahead, in the order of the history's `ks`. */
  accuracyPerKSum: number[];
  /** Learning rate of the bucket's last row. */
  learningRate: number;
}

export interface MetricsHistory {
  buckets: MetricsBucket[];
  /** Rows per bucket (a power of two). */
  width: number;
  /** Steps ahead of the per-k accuracies (fixed for a run). */
  ks: number[];
  totalRows: number;
}

export const MAX_BUCKETS = 256;
/** EMA weight of a new row: about the last 50 steps dominate the smoothed loss. */
export const EMA_ALPHA = 0.02;

export const EMPTY_HISTORY: MetricsHistory = { buckets: [], width: 1, ks: [], totalRows: 0 };

/** Returns a new history with the rows appended (the input is not mutated; one copy per batch). */
export function appendRows(
  history: MetricsHistory,
  rows: readonly MetricsRow[],
  maxBuckets = MAX_BUCKETS,
): MetricsHistory {
  if (rows.length === 0) return history;
  let buckets = history.buckets.slice();
  let width = history.width;
  const ks = history.ks.length > 0 ? history.ks : rows[0].ks;
  let ema = buckets.length > 0 ? buckets[buckets.length - 1].lossEma : rows[0].loss;
  for (const row of rows) {
    ema = Number.isFinite(row.loss) ? ema + EMA_ALPHA * (row.loss - ema) : ema;
    const last = buckets[buckets.length - 1];
    if (last && last.rows < width) buckets[buckets.length - 1] = addRow(last, row, ema);
    else buckets.push(addRow(null, row, ema));
    if (buckets.length > maxBuckets) {
      buckets = mergePairs(buckets);
      width *= 2;
    }
  }
  return { buckets, width, ks, totalRows: history.totalRows + rows.length };
}

function addRow(bucket: MetricsBucket | null, row: MetricsRow, ema: number): MetricsBucket {
  const base = bucket ?? {
    step: row.step,
    rows: 0,
    lossSum: 0,
    lossMin: Infinity,
    lossMax: -Infinity,
    lossEma: ema,
    accuracySum: 0,
    accuracyPerKSum: row.accuracyPerK.map(() => 0),
    learningRate: row.learningRate,
  };
  return {
    step: row.step,
    rows: base.rows + 1,
    lossSum: base.lossSum + row.loss,
    lossMin: Math.min(base.lossMin, row.loss),
    lossMax: Math.max(base.lossMax, row.loss),
    lossEma: ema,
    accuracySum: base.accuracySum + row.accuracy,
    accuracyPerKSum: base.accuracyPerKSum.map((sum, i) => sum + (row.accuracyPerK[i] ?? 0)),
    learningRate: row.learningRate,
  };
}

function mergePairs(buckets: MetricsBucket[]): MetricsBucket[] {
  const merged: MetricsBucket[] = [];
  for (let i = 0; i < buckets.length; i += 2) {
    const a = buckets[i];
    const b = buckets[i + 1];
    merged.push(b ? mergeTwo(a, b) : a);
  }
  return merged;
}

function mergeTwo(a: MetricsBucket, b: MetricsBucket): MetricsBucket {
  return {
    step: b.step,
    rows: a.rows + b.rows,
    lossSum: a.lossSum + b.lossSum,
    lossMin: Math.min(a.lossMin, b.lossMin),
    lossMax: Math.max(a.lossMax, b.lossMax),
    lossEma: b.lossEma,
    accuracySum: a.accuracySum + b.accuracySum,
    accuracyPerKSum: a.accuracyPerKSum.map((sum, i) => sum + (b.accuracyPerKSum[i] ?? 0)),
    learningRate: b.learningRate,
  };
}

/**
 * The history as of `step` (after a recovery rewound the run to a snapshot). Whole buckets are kept or
 * dropped, so a bucket that straddles `step` goes too: at most `width - 1` earlier rows vanish with it.
 */
export function dropRowsAfter(history: MetricsHistory, step: number): MetricsHistory {
  const buckets = history.buckets.filter((bucket) => bucket.step <= step);
  if (buckets.length === history.buckets.length) return history;
  const totalRows = buckets.reduce((sum, bucket) => sum + bucket.rows, 0);
  return { ...history, buckets, totalRows };
}
