import * as tf from '@tensorflow/tfjs';
import { convByColumns } from '../convByColumns';
import type { Padding } from '../convGeometry';
import type { ColumnOps } from './columnsKernels';
import { compareOnDevice, worst, type KernelCheck } from './deviceCheck';

/** Small convolutions that reach every branch of the kernels: stride 2 with uneven padding, stride 1. */
const CASES: readonly {
  x: [number, number, number, number];
  k: number;
  cout: number;
  stride: number;
  padding: Padding;
}[] = [
  { x: [2, 6, 5, 3], k: 3, cout: 4, stride: 2, padding: 'same' }, // 3×3 out: padding 0/1 rows, 1/1 columns
  { x: [2, 4, 4, 3], k: 3, cout: 4, stride: 1, padding: 'same' },
  { x: [2, 5, 5, 2], k: 3, cout: 3, stride: 2, padding: 'valid' },
  { x: [2, 8, 8, 3], k: 3, cout: 4, stride: 1, padding: 'same' }, // 8×8 out, as CPC v2's ResNet
];

/**
 * The column-form convolution (with `ops`) against tf.conv2d on the active backend, forward and both
 * gradients, on small random problems. The WGSL kernels are ours and a GPU's compiler is not under test
 * anywhere else: the training worker runs this once per WebGPU device and keeps tfjs' own convolutions
 * when it fails.
 */
export async function checkColumnConv(ops: ColumnOps): Promise<KernelCheck> {
  const checks: KernelCheck[] = [];
  for (const [i, c] of CASES.entries()) {
    checks.push(
      await compareOnDevice(() => {
        const x = tf.randomNormal(c.x, 0, 1, 'float32', 11 + i) as tf.Tensor4D;
        const w = tf.randomNormal([c.k, c.k, c.x[3], c.cout], 0, 1, 'float32', 23 + i) as tf.Tensor4D;
        const run = (conv: (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor4D) => {
          const y = conv(x, w); // [N, Ho, Wo, Cout]
          const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 37 + i);
          const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
            tf.sum(tf.mul(conv(a as tf.Tensor4D, b as tf.Tensor4D), dy)),
          )([x, w]);
          return [y, dx, dw];
        };
        const ours = run((a, b) => convByColumns(a, b, c.stride, c.padding, ops));
        const theirs = run((a, b) => tf.conv2d(a, b, c.stride, c.padding));
        return ours.map((t, j) => [t, theirs[j]]);
      }),
    );
  }
  return worst(checks);
}
