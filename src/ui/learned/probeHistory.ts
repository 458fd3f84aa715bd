import type { FeatureComparison, ProbeScores } from '../../cpc/eval';
import type { ImageFeature } from '../../cpc/model/imageFeatureInfo';

/**
 * One probe run, for the accuracy-against-step chart. `cpc` and `randomInit` are the scores of `feature`.
 * Runs saved before probes recorded their feature, raw pixels and per-feature scores lack those fields.
 */
export interface ProbePoint {
  step: number;
  feature?: ImageFeature;
  cpc: ProbeScores;
  randomInit: ProbeScores;
  pixels?: ProbeScores;
  /** Every feature probed at this step, `feature` included. */
  features?: Partial<Record<ImageFeature, FeatureComparison>>;
}

/**
 * Adds a probe run to the run's history, sorted by step. A rerun at the same step takes its place but
 * keeps the scores of features it did not probe; a step below the last one means the weights were reset,
 * so the history starts over.
 */
export function appendProbe(history: readonly ProbePoint[], point: ProbePoint): ProbePoint[] {
  const last = history[history.length - 1];
  if (last && point.step < last.step) return [point];
  const same = history.find((p) => p.step === point.step);
  const merged = same?.features ? { ...point, features: { ...same.features, ...point.features } } : point;
  return [...history.filter((p) => p.step !== point.step), merged];
}

/** A point's CPC and random-init scores for `feature`, or null when that feature was not probed then. */
export function scoresFor(point: ProbePoint, feature: ImageFeature): FeatureComparison | null {
  const own = point.feature === feature ? { cpc: point.cpc, randomInit: point.randomInit } : null;
  return point.features?.[feature] ?? own;
}

/** One chart row: a step's accuracies of `feature` (pixels absent for runs saved before they were probed). */
export interface ProbeChartRow {
  step: number;
  cpcLinear: number;
  cpcKnn: number;
  randomLinear: number;
  randomKnn: number;
  pixelsLinear?: number;
  pixelsKnn?: number;
}

/** The history's probes of `feature`, as chart rows; `others` counts the points without that feature. */
export function probeChartRows(
  history: readonly ProbePoint[],
  feature: ImageFeature,
): { rows: ProbeChartRow[]; others: number } {
  const rows: ProbeChartRow[] = [];
  for (const point of history) {
    const scores = scoresFor(point, feature);
    if (!scores) continue;
    rows.push({
      step: point.step,
      cpcLinear: scores.cpc.linear,
      cpcKnn: scores.cpc.knn,
      randomLinear: scores.randomInit.linear,
      randomKnn: scores.randomInit.knn,
      pixelsLinear: point.pixels?.linear,
      pixelsKnn: point.pixels?.knn,
    });
  }
  return { rows, others: history.length - rows.length };
}

/** An accuracy in [0, 1] as a percentage with one decimal, e.g. "87.5%". */
export function percent(accuracy: number): string {
  return `${(accuracy * 100).toFixed(1)}%`;
}
