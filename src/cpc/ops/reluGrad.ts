import * as tf from '@tensorflow/tfjs';
import { ownWasmKernelReady } from './ownWasmKernel';
import { RELU_GRAD } from './wasmElementwise';

/**
 * dy ⊙ step(y, slope): the gradient through a (leaky) ReLU whose output was y [same shape]. On WASM with
 * SIMD one kernel of our own (RELU_GRAD), so that no step tensor sits beside dy and y: at a 64 px colour
 * batch's first layer norm that was the step's memory peak. Elsewhere tf.step then a product; the same
 * values either way.
 */
export function reluGrad(dy: tf.Tensor, y: tf.Tensor, slope: number): tf.Tensor {
  if (ownWasmKernelReady(RELU_GRAD))
    return tf.engine().runKernel(RELU_GRAD, { dy, y }, { slope }) as tf.Tensor;
  const step = tf.step(y, slope); // [same]
  const product = tf.mul(dy, step);
  step.dispose();
  return product;
}
