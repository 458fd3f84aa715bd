import type * as tf from '@tensorflow/tfjs';

/**
 * The autoregressive context model g_ar. Every direction is presented as the top-down task on a rotated
 * grid: T = time along the prediction direction, L = lanes across it. Each direction has its own weights,
 * stacked on the leading axis and applied in one batched matmul.
 */
export interface ContextModel {
  readonly hiddenSize: number;
  /** z: [Ndir, B, T, L, D] → c: [Ndir, B, T, L, H], where c at time t sees z at times ≤ t only. */
  run(z: tf.Tensor5D): tf.Tensor5D;
}
