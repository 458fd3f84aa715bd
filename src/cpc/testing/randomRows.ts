import type { Rng } from '../random';

/** `count` rows of `dim` standard-normal features ([count, dim] row-major), each labelled from 0..classes−1. */
export function randomLabelledRows(
  rng: Rng,
  count: number,
  dim: number,
  classes: number,
): { features: Float32Array; labels: Int32Array } {
  const features = Float32Array.from({ length: count * dim }, () => rng.normal()); // [count, dim]
  const labels = Int32Array.from({ length: count }, () => rng.int(classes));
  return { features, labels };
}
