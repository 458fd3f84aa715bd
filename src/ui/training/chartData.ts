import { plainNumber } from '../charts/chartFormat';
import type { MetricsBucket, MetricsHistory } from '../store/metricsHistory';

/** One x position of the training charts (a bucket of steps, see metricsHistory.ts). */
export interface ChartPoint {
  step: number;
  /** Mean loss over the bucket, and its lowest and highest step. */
  loss: number;
  lossRange: [number, number];
  lossEma: number;
  accuracy: number;
  /** Accuracy per step ahead, in the order of the history's ks. */
  accuracyPerK: number[];
  learningRate: number;
}

/**
 * Recharts' cost grows with the points it lays out, so the history's buckets are folded into at most
 * `maxPoints` points: neighbours pooled in equal groups, keeping the loss range.
 */
export const MAX_CHART_POINTS = 64;

export function chartPoints(history: MetricsHistory, maxPoints = MAX_CHART_POINTS): ChartPoint[] {
  const { buckets } = history;
  const group = Math.ceil(buckets.length / maxPoints);
  const points: ChartPoint[] = [];
  for (let start = 0; start < buckets.length; start += group)
    points.push(pooledPoint(buckets.slice(start, start + group)));
  return points;
}

function pooledPoint(group: readonly MetricsBucket[]): ChartPoint {
  const last = group[group.length - 1];
  const rows = group.reduce((sum, bucket) => sum + bucket.rows, 0);
  const sumOf = (value: (bucket: MetricsBucket) => number) =>
    group.reduce((sum, bucket) => sum + value(bucket), 0);
  return {
    step: last.step,
    loss: sumOf((bucket) => bucket.lossSum) / rows,
    lossRange: [Math.min(...group.map((b) => b.lossMin)), Math.max(...group.map((b) => b.lossMax))],
    lossEma: last.lossEma,
    accuracy: sumOf((bucket) => bucket.accuracySum) / rows,
    accuracyPerK: last.accuracyPerKSum.map((_, i) => sumOf((bucket) => bucket.accuracyPerKSum[i]) / rows),
    learningRate: last.learningRate,
  };
}

const fmt = (value: number, digits = 3) => value.toFixed(digits);
const pct = (value: number) => `${(100 * value).toFixed(1)}%`;

/** Text for screen readers and for anyone who would rather read than look at a chart. */
export function lossSummary(points: readonly ChartPoint[]): string {
  if (points.length === 0) return 'No steps yet.';
  const first = points[0];
  const last = points[points.length - 1];
  const lowest = Math.min(...points.map((p) => p.lossRange[0]));
  return (
    `Loss from ${fmt(first.loss)} at step ${first.step} to ${fmt(last.loss)} at step ${last.step} ` +
    `(smoothed ${fmt(last.lossEma)}, lowest ${fmt(lowest)}).`
  );
}

export function accuracySummary(
  points: readonly ChartPoint[],
  ks: readonly number[],
  chance: number,
): string {
  if (points.length === 0) return 'No steps yet.';
  const last = points[points.length - 1];
  const perK = ks.map((k, i) => `k=${k} ${pct(last.accuracyPerK[i] ?? 0)}`).join(', ');
  return `CPC accuracy ${pct(last.accuracy)} at step ${last.step} (chance ${pct(chance)}); per k: ${perK}.`;
}

export function learningRateSummary(points: readonly ChartPoint[]): string {
  if (points.length === 0) return 'No steps yet.';
  const last = points[points.length - 1];
  const peak = Math.max(...points.map((p) => p.learningRate));
  return `Learning rate ${plainNumber(last.learningRate)} at step ${last.step} (peak so far ${plainNumber(peak)}).`;
}

/** The values the loss axis must show: every point's lowest and highest step. */
export function lossExtent(points: readonly ChartPoint[]): number[] {
  return points.flatMap((p) => p.lossRange);
}

/** The charts' accessible names: what a glance at each tells, e.g. "Loss over 120 steps, now 2.31, chance 2.77". */
export function lossLabel(points: readonly ChartPoint[], chance: number | null): string {
  const last = points.at(-1);
  const chanceText = chance === null ? '' : `, chance ${fmt(chance, 2)}`;
  if (!last) return `Loss, no steps yet${chanceText}`;
  return `Loss over ${last.step} steps, now ${fmt(last.lossEma, 2)} smoothed${chanceText}`;
}

export function accuracyLabel(points: readonly ChartPoint[], chance: number): string {
  const last = points.at(-1);
  if (!last) return `CPC accuracy, no steps yet, chance ${pct(chance)}`;
  return `CPC accuracy over ${last.step} steps, now ${pct(last.accuracy)}, chance ${pct(chance)}`;
}

export function learningRateLabel(points: readonly ChartPoint[]): string {
  const last = points.at(-1);
  if (!last) return 'Learning rate, no steps yet';
  return `Learning rate over ${last.step} steps, now ${plainNumber(last.learningRate)}`;
}
