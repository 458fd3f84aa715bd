import * as tf from '@tensorflow/tfjs';
import { customGrad } from './customGrad';

/**
 * f(...inputs) computed off the gradient tape, like TensorFlow's stop_gradient: for values that have no
 * gradient to give (integer index arithmetic, a 0/1 accuracy, the scaling of input data). Under
 * tf.grads every taped kernel clones the tensors its gradient would need (an Identity kernel each), and
 * on a GPU each kernel is a dispatch; inside a customGrad's forward nothing is taped. The gradient to
 * `inputs` is zero: use it only where none of them depends on a trainable weight.
 */
export function stopGradient<T extends tf.Tensor>(
  f: (...inputs: tf.Tensor[]) => T,
  ...inputs: tf.Tensor[]
): T {
  const op = customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const tensors = args.slice(0, inputs.length) as tf.Tensor[];
    return { value: f(...tensors), gradFunc: () => tensors.map((t) => tf.zerosLike(t)) };
  });
  return op(...inputs) as T;
}
