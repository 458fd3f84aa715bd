/**
 * Axis scales for the charts: ends on nice values, ticks in plain decimals with one number of decimals per
 * axis (picked from the tick step, so "0.0020" never sits next to "0.00196"), and a minimum span so a tiny
 * wobble is never blown up to fill the chart.
 */
export interface AxisScale {
  domain: [number, number];
  ticks: number[];
  /** Decimals every tick label of this axis is written with. */
  decimals: number;
}

/** The loss axis spans at least this share of its largest value... */
export const MIN_RELATIVE_SPAN = 0.2;
/** ...and never less than this, in loss units. */
export const MIN_ABSOLUTE_SPAN = 0.1;

/** 1, 2 or 5 times a power of ten: the smallest such step at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiple = [1, 2, 5, 10].find((m) => m * power >= raw * (1 - 1e-9)) ?? 10;
  return multiple * power;
}

/** Decimals that write every multiple of `step` exactly: 0.5 → 1, 0.002 → 3, 20 → 0. */
export function decimalsForStep(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** An axis from `low` to `high` rounded outward to a nice step, with at most about `maxTicks` ticks. */
export function niceScale(low: number, high: number, maxTicks = 5): AxisScale {
  const span = high > low ? high - low : Math.abs(high) || 1;
  const step = niceStep(span / (maxTicks - 1));
  const decimals = decimalsForStep(step);
  const round = (v: number) => Number(v.toFixed(decimals));
  const start = Math.floor(low / step + 1e-9);
  const end = Math.max(start + 1, Math.ceil(high / step - 1e-9));
  const ticks = Array.from({ length: end - start + 1 }, (_, i) => round((start + i) * step));
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks, decimals };
}

/** A tick label in the axis's decimals: never exponent notation, the same precision on every tick. */
export function formatTick(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/**
 * The loss axis: the data and the chance line, widened to the minimum span around their middle (but
 * never below zero, as no loss is), then rounded to nice values.
 */
export function lossScale(values: readonly number[], chance: number | null): AxisScale {
  const shown = [...values, ...(chance === null ? [] : [chance])].filter(Number.isFinite);
  if (shown.length === 0) return niceScale(0, 1);
  let low = Math.min(...shown);
  let high = Math.max(...shown);
  const minSpan = Math.max(MIN_RELATIVE_SPAN * Math.max(Math.abs(low), Math.abs(high)), MIN_ABSOLUTE_SPAN);
  if (high - low < minSpan) {
    const middle = (low + high) / 2;
    low = Math.max(0, middle - minSpan / 2);
    high = low + minSpan;
  }
  return niceScale(low, high);
}

/** A non-negative quantity (the learning rate) from zero to its largest value. */
export function fromZeroScale(values: readonly number[]): AxisScale {
  const finite = values.filter(Number.isFinite);
  const high = finite.length > 0 ? Math.max(...finite) : 0;
  return niceScale(0, high > 0 ? high : 1, 4);
}
