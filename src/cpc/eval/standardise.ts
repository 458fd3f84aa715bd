import * as tf from '@tensorflow/tfjs';

/**
 * Standardises both splits with the train split's per-feature mean and std, so the test split never
 * informs the scaling. Constant features keep scale 1 (they become 0 on train, not ±∞ on test).
 */
export function standardise(train: tf.Tensor2D, test: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(train, 0, true); // [1, D]
    const std = tf.sqrt(variance); // [1, D]
    const scale = tf.where(tf.greater(std, tf.backend().epsilon()), std, tf.onesLike(std)); // [1, D]
    return [train.sub(mean).div(scale), test.sub(mean).div(scale)];
  });
}
