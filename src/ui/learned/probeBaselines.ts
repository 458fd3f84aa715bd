import type { ProbeScores } from '../../cpc/eval';
import type { ProbeChartRow } from './probeHistory';

/** The two references CPC is measured against, drawn as flat lines across the probe chart. */
export interface ProbeBaselines {
  random: ProbeScores;
  /** Null for runs saved before raw pixels were probed. */
  pixels: ProbeScores | null;
}

/**
 * The baselines of the latest probe. They do not change while a run trains (the worker scores the
 * random-init encoder and the pixels once per run), so one value each stands for every step.
 */
export function probeBaselines(rows: readonly ProbeChartRow[]): ProbeBaselines | null {
  const last = rows[rows.length - 1];
  if (!last) return null;
  const { pixelsLinear, pixelsKnn } = last;
  return {
    random: { linear: last.randomLinear, knn: last.randomKnn },
    pixels:
      pixelsLinear === undefined || pixelsKnn === undefined ? null : { linear: pixelsLinear, knn: pixelsKnn },
  };
}
