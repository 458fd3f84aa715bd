import type { MetricsHistory } from '../store/metricsHistory';

/** One x position of the overlay chart: each run's value there, null where that run has no point. */
export interface CurveRow {
  step: number;
  /** Smoothed loss per run (the EMA the training chart draws), indexed like the input runs. */
  loss: (number | null)[];
  /** Mean contrastive accuracy of the bucket per run. */
  accuracy: (number | null)[];
}

/**
 * Several runs' histories on one step axis. Runs are bucketed independently (different widths, different
 * steps), so the rows are the union of their steps; the chart joins each run's points over the gaps.
 */
export function mergeCurves(histories: readonly MetricsHistory[]): CurveRow[] {
  const rows = new Map<number, CurveRow>();
  const empty = () => histories.map(() => null);
  histories.forEach((history, run) => {
    for (const bucket of history.buckets) {
      let row = rows.get(bucket.step);
      if (!row) {
        row = { step: bucket.step, loss: empty(), accuracy: empty() };
        rows.set(bucket.step, row);
      }
      row.loss[run] = Number.isFinite(bucket.lossEma) ? bucket.lossEma : null;
      row.accuracy[run] = bucket.accuracySum / bucket.rows;
    }
  });
  return [...rows.values()].sort((a, b) => a.step - b.step);
}
