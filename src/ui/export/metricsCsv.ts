import type { ProbeScores } from '../../cpc/eval';
import { IMAGE_FEATURES } from '../../cpc/model/imageFeatureInfo';
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

/**
 * Every probe run: test accuracies of the linear and kNN probes on CPC's features, on a random-init
 * encoder's and on raw pixels; one line per feature probed at a step. Fields a run saved before probes
 * recorded them (feature, pixels) are left empty.
 */
export function probeCsv(points: readonly ProbePoint[]): string {
  const header = [
    'step',
    'feature',
    'cpc_linear',
    'cpc_knn',
    'random_init_linear',
    'random_init_knn',
    'pixels_linear',
    'pixels_knn',
  ];
  const lines = points.flatMap((p) => {
    const pixels = p.pixels ? [p.pixels.linear, p.pixels.knn] : ['', ''];
    return featureRows(p).map(({ feature, cpc, randomInit }) => [
      p.step,
      feature,
      cpc.linear,
      cpc.knn,
      randomInit.linear,
      randomInit.knn,
      ...pixels,
    ]);
  });
  return csv(header, lines);
}

/** A point's scores per probed feature, in the order the page lists the features. */
function featureRows(point: ProbePoint): { feature: string; cpc: ProbeScores; randomInit: ProbeScores }[] {
  const probed = IMAGE_FEATURES.flatMap((feature) => {
    const scores = point.features?.[feature];
    return scores ? [{ feature, ...scores }] : [];
  });
  if (probed.length > 0) return probed;
  return [{ feature: point.feature ?? '', cpc: point.cpc, randomInit: point.randomInit }];
}

function csv(header: string[], lines: (number | string)[][]): string {
  return [header, ...lines].map((cells) => cells.join(',') + '\n').join('');
}
