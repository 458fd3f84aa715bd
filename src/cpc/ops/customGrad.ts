import * as tf from '@tensorflow/tfjs';

/** What tf.customGrad's function returns: the op's value, and its gradient given dy and the saved tensors. */
export interface CustomOp<T extends tf.Tensor> {
  value: T;
  gradFunc: (dy: T, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
}

/**
 * tf.customGrad whose gradient frees its own intermediate tensors as soon as it returns. tfjs runs a
 * custom gradient outside any tidy of its own, so everything the gradient computes on the way stays
 * until the whole backward pass ends: a layer norm's backward left six activation-sized tensors behind
 * per layer. The default preset on 64 px colour images (an imported photo folder): a step's tensors
 * peaked at 452 MB, now 240 MB (tf.profile), and the WASM heap, which never shrinks, at 450, now 260 MiB.
 * Every custom gradient in src/cpc goes through here (a lint rule says so).
 */
export function customGrad<T extends tf.Tensor>(
  f: (...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => CustomOp<T>,
): (...args: tf.Tensor[]) => T {
  // eslint-disable-next-line no-restricted-syntax -- the one wrapper around tf.customGrad
  return tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const { value, gradFunc } = f(...inputs);
    return { value, gradFunc: (dy: T, saved: tf.Tensor[]) => tf.tidy(() => gradFunc(dy, saved)) };
  });
}
