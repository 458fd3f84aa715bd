/** How the charts write steps and values: tooltips, summaries and the training stats share these. */

/** A small positive number in plain decimals with three significant digits: 0.000125, not 1.25e-4. */
export function plainNumber(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const decimals = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return value.toFixed(Math.min(decimals, 20));
}

/** The tooltip's heading: the step under the pointer. */
export function stepLabel(step: unknown): string {
  return `step ${String(step)}`;
}

/** A tooltip value on a percent axis: 0.4567 → "45.7%". */
export function percentValue(value: unknown): string {
  return `${(100 * Number(value)).toFixed(1)}%`;
}

/** A tooltip value on a computed axis, in plain decimals; a band [low, high] as "low – high". */
export function plainValue(value: unknown): string {
  return Array.isArray(value)
    ? value.map((v) => plainNumber(Number(v))).join(' – ')
    : plainNumber(Number(value));
}
