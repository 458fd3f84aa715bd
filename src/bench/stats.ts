/** Median and spread of step times, in ms. */
export interface Spread {
  median: number;
  p10: number;
  p90: number;
  /** Samples the figures come from (after the warm-up steps were dropped). */
  count: number;
}

/** Quantile q ∈ [0, 1] of sorted values, linearly interpolated between neighbours (numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
    count: sorted.length,
  };
}

/**
 * Step times after warm-up. The engine already runs one throwaway step before `ready` (kernels are
 * compiled by then), so short runs keep every step; longer ones also drop their first tenth (at most 5),
 * where caches and the JIT are still settling.
 */
export function afterWarmup(stepMs: readonly number[]): number[] {
  return stepMs.slice(Math.min(5, Math.floor(stepMs.length / 10)));
}
