import * as tf from '@tensorflow/tfjs';
import { customGrad } from './customGrad';

/**
 * a @ b for [.., M, K] @ [.., K, N], with a gradient that transposes explicitly before multiplying.
 * tfjs' own MatMul gradient multiplies with a transposed operand, which runs ~10× slower on WASM
 * (TFJS-NOTES); materialising the transpose first is cheap at these sizes.
 */
export function matMul<T extends tf.Tensor>(a: T, b: tf.Tensor): T {
  const op = customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, y] = args as [tf.Tensor, tf.Tensor];
    const save = args[2] as tf.GradSaveFunc;
    save([x, y]);
    return {
      value: tf.matMul(x, y), // [.., M, N]
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ys] = saved;
        return [
          tf.matMul(dy, swapLast(ys)), // [.., M, K]
          tf.matMul(swapLast(xs), dy), // [.., K, N]
        ];
      },
    };
  });
  return op(a, b) as T;
}

/** Transposes the last two axes. */
export function swapLast(t: tf.Tensor): tf.Tensor {
  const perm = t.shape.map((_, i) => i);
  perm[t.rank - 2] = t.rank - 1;
  perm[t.rank - 1] = t.rank - 2;
  return tf.transpose(t, perm);
}
