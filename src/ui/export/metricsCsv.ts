import type { ProbePoint } from '../learned/probeHistory';
import type { MetricsHistory } from '../store/metricsHistory';

/**
 * The run's curves as CSV, one line per history bucket (a bucket is `rows` consecutive steps; its
 * `step` is the last of them). Numbers are written in full (shortest round-trip form), so the file
 * reads back to exactly what the charts show.
 */
export function metricsCsv(history: MetricsHistory): string {
  const header = [
    'step',
    'rows',
    'loss_mean',
    'loss_min',
    'loss_max',
    'loss_smoothed',
    'accuracy',
    ...history.ks.map((k) => `accuracy_k${k}`),
    'learning_rate',
  ];
  const lines = history.buckets.map((b) => [
    b.step,
    b.rows,
    b.lossSum / b.rows,
    b.lossMin,
    b.lossMax,
    b.lossEma,
    b.accuracySum / b.rows,
    ...b.accuracyPerKSum.map((sum) => sum / b.rows),
    b.learningRate,
  ]);
  return csv(header, lines);
}

/** Every probe run: test accuracies of the linear and kNN probes, on CPC codes and on a random-init encoder. */
export function probeCsv(points: readonly ProbePoint[]): string {
  const header = ['step', 'cpc_linear', 'cpc_knn', 'random_init_linear', 'random_init_knn'];
  const lines = points.map((p) => [p.step, p.cpc.linear, p.cpc.knn, p.randomInit.linear, p.randomInit.knn]);
  return csv(header, lines);
}

function csv(header: string[], lines: number[][]): string {
  return [header, ...lines].map((cells) => cells.join(',') + '\n').join('');
}
