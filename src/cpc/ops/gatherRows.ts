import * as tf from '@tensorflow/tfjs';
import { customGrad } from './customGrad';

/**
 * rows(x)[i] = x[indices[i]] along axis 0, differentiable on every backend. tf.gather's gradient needs
 * UnsortedSegmentSum, which tfjs-wasm lacks; here the gradient is a ScatterNd (which sums duplicate
 * indices on all backends) into a zero tensor of x's shape.
 */
export function gatherRows<T extends tf.Tensor>(x: T, indices: tf.Tensor1D): T {
  const op = customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    save([indices]); // kept by the engine until the backward pass has used it
    return {
      value: tf.gather(input, indices, 0), // [M, ...rest]
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.scatterND(tf.expandDims(saved[0], 1), dy, input.shape), // [N, ...rest]
    };
  });
  return op(x) as T;
}
