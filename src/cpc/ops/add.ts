import * as tf from '@tensorflow/tfjs';
import { customGrad } from './customGrad';

/**
 * a + b (broadcasting), whose gradient keeps no input. tf.add saves both inputs for its backward pass,
 * which reads only their shapes, so an activation-sized input (a conv's output before its bias) stays
 * alive until the backward pass reaches it, even when the caller is done with it. Here the shapes are
 * all the gradient keeps: the same sums and values as tf.add's gradient.
 */
export function add<T extends tf.Tensor>(a: T, b: tf.Tensor): T {
  const aShape = a.shape;
  const bShape = b.shape;
  const op = customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, y] = args as [tf.Tensor, tf.Tensor];
    const value = tf.add(x, y) as T;
    return {
      value,
      gradFunc: (dy: T) => [reduceTo(dy, aShape), reduceTo(dy, bShape)],
    };
  });
  return op(a, b) as T;
}

/** dy summed over the axes `shape` was broadcast along, in `shape`. */
function reduceTo(dy: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, dy.shape);
  const summed = axes.length > 0 ? tf.sum(dy, axes) : dy;
  return summed.shape.length === shape.length && summed.shape.every((d, i) => d === shape[i])
    ? summed
    : tf.reshape(summed, shape);
}
