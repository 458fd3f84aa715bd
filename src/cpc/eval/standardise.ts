import * as tf from '@tensorflow/tfjs';
import { rowsTensor, type FeatureRows } from './featureRows';

/** The train split's per-feature mean and scale, each [1, D]. */
export interface Scaling {
  mean: tf.Tensor2D;
  scale: tf.Tensor2D;
}

/**
 * Standardises the train rows [N, D] by their own per-feature mean and std, and returns the scaling for
 * the test split (applyScaling), so that the test split never informs it. Constant features keep scale
 * 1 (they become 0 on train, not ±∞ on test). The arithmetic of tf.moments, written out so that at most
 * two [N, D] tensors are alive at once (a raw-pixel probe's are 25 MB at 64 px in colour, and the WASM
 * heap keeps the size of its peak): the raw rows go once centred, and the centred rows once scaled.
 */
export function standardisedRows(
  features: FeatureRows,
  count: number,
  dim: number,
): { rows: tf.Tensor2D; scaling: Scaling } {
  const raw = rowsTensor(features, dim, 0, count); // [N, D]
  const mean = tf.mean(raw, 0, true) as tf.Tensor2D; // [1, D]
  const centred = tf.sub(raw, mean) as tf.Tensor2D; // [N, D]
  raw.dispose();
  const scale = tf.tidy(() => {
    const std = tf.sqrt(tf.mean(tf.square(centred), 0, true)); // [1, D]
    return tf.where(tf.greater(std, tf.backend().epsilon()), std, tf.onesLike(std)) as tf.Tensor2D; // [1, D]
  });
  const rows = tf.div(centred, scale) as tf.Tensor2D; // [N, D]
  centred.dispose();
  return { rows, scaling: { mean, scale } };
}

/** (rows − mean) / scale: [M, D], the rows [M, D] of `features` scaled as the train split was. */
export function applyScaling(features: FeatureRows, count: number, dim: number, { mean, scale }: Scaling) {
  return tf.tidy(() => rowsTensor(features, dim, 0, count).sub(mean).div(scale) as tf.Tensor2D);
}
