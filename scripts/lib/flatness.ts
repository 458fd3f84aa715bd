/**
 * Is a long run's series flat? The soak test's judgement (scripts/soak/verdict.ts), kept pure so it can be tested
 * on made-up series.
 *
 * A least-squares line is fitted to the window after warm-up (the later half of the samples). The
 * series leaks when the line moves the wrong way (memory up, speed down) by more than the noise band
 * allows AND by more than SIGNIFICANCE standard errors of that move: the band keeps a tiny but steady
 * drift from failing a run, the standard error keeps a noisy but level series from failing it.
 */

/** How far the fitted line may move across the window before the series counts as leaking. */
export interface NoiseBand {
  /** In the series' own units (bytes, tensors, steps/s). */
  absolute: number;
  /** As a fraction of the window's mean; the larger of the two applies. */
  relative: number;
  /** The direction that is a fault: memory that grows ('up'), speed that falls ('down'). */
  bad: 'up' | 'down';
}

export interface Flatness {
  /** Samples in the window. */
  count: number;
  mean: number;
  /** Change of the fitted line from the window's first step to its last, in the series' units. */
  drift: number;
  /** The band's allowance over this window. */
  allowed: number;
  /** Standard error of `drift` from the scatter around the line. */
  driftError: number;
  flat: boolean;
}

/** A move within this many standard errors is noise. */
export const SIGNIFICANCE = 3;
/** A line through fewer points says nothing. */
export const MIN_WINDOW = 3;

/**
 * Indices of the samples after warm-up: the later half, from the middle sample on. By index rather than
 * by step, so a last sample taken a few steps late does not push the middle one out.
 */
export function afterWarmupWindow(steps: readonly number[]): number[] {
  return steps.flatMap((_, i) => (i >= Math.floor((steps.length - 1) / 2) ? [i] : []));
}

/** Judges the series over the window after warm-up. Throws when that window has under MIN_WINDOW samples. */
export function judgeFlat(steps: readonly number[], values: readonly number[], band: NoiseBand): Flatness {
  if (steps.length !== values.length) throw new RangeError('steps and values differ in length');
  const window = afterWarmupWindow(steps);
  if (window.length < MIN_WINDOW)
    throw new RangeError(`${window.length} samples after warm-up; at least ${MIN_WINDOW} are needed`);
  const xs = window.map((i) => steps[i]);
  const ys = window.map((i) => values[i]);
  const { slope, slopeError, mean } = leastSquares(xs, ys);
  const span = xs[xs.length - 1] - xs[0];
  const drift = slope * span;
  const driftError = slopeError * span;
  const allowed = Math.max(band.absolute, band.relative * Math.abs(mean));
  const wrongWay = band.bad === 'up' ? drift : -drift;
  const flat = !(wrongWay > allowed && wrongWay > SIGNIFICANCE * driftError);
  return { count: window.length, mean, drift, allowed, driftError, flat };
}

/** Slope of y on x, its standard error (from the residuals, n − 2 degrees of freedom), and y's mean. */
function leastSquares(xs: readonly number[], ys: readonly number[]) {
  const n = xs.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const mean = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - meanX) ** 2;
    sxy += (xs[i] - meanX) * (ys[i] - mean);
  }
  if (sxx === 0) return { slope: 0, slopeError: 0, mean };
  const slope = sxy / sxx;
  let residuals = 0;
  for (let i = 0; i < n; i++) residuals += (ys[i] - mean - slope * (xs[i] - meanX)) ** 2;
  const slopeError = n > 2 ? Math.sqrt(residuals / (n - 2) / sxx) : 0;
  return { slope, slopeError, mean };
}
