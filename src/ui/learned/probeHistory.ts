import type { ProbeScores } from '../../cpc/eval';

/** One probe run, for the accuracy-against-step chart. */
export interface ProbePoint {
  step: number;
  cpc: ProbeScores;
  randomInit: ProbeScores;
}

/**
 * Adds a probe run to the run's history, sorted by step. A rerun at the same step replaces its point; a
 * step below the last one means the weights were reset, so the history starts over.
 */
export function appendProbe(history: readonly ProbePoint[], point: ProbePoint): ProbePoint[] {
  const last = history[history.length - 1];
  if (last && point.step < last.step) return [point];
  return [...history.filter((p) => p.step !== point.step), point];
}

/** An accuracy in [0, 1] as a percentage with one decimal, e.g. "87.5%". */
export function percent(accuracy: number): string {
  return `${(accuracy * 100).toFixed(1)}%`;
}
