import * as tf from '@tensorflow/tfjs';
import { stopGradient } from '../ops/stopGradient';

/** Patches in [0, 1] → [−1, 1], the encoders' input. Data only, so off the gradient tape. */
export function signedInput(patches: tf.Tensor4D): tf.Tensor4D {
  return stopGradient((p) => tf.sub(tf.mul(p, 2), 1), patches) as tf.Tensor4D; // [N, P, P, C]
}
