import * as tf from '@tensorflow/tfjs';
import { compareOnDevice, worst, type KernelCheck } from '../ops/webgpu/deviceCheck';
import type { LayerNormOps } from '../ops/webgpu/layerNormKernels';
import { fusedLayerNorm } from './fusedLayerNorm';
import { normaliseOp } from './norm';

/**
 * Shapes that reach every branch of the kernels: more features than a workgroup's 64 lanes and a
 * ragged last lane; more rows than one channel-sum chunk; LeakyReLU, ReLU and none.
 */
const CASES: readonly { shape: number[]; slope?: number }[] = [
  { shape: [3, 5, 5, 6], slope: 0.3 }, // F = 150
  { shape: [10, 3, 3, 2], slope: 0 }, // 90 rows of 2 channels
  { shape: [4, 7] },
];

/**
 * The fused layer norm (with `ops`) against normaliseOp's tf ops on the active backend, forward and the
 * three gradients; run by the training worker once per WebGPU device, as checkColumnConv.
 */
export async function checkLayerNorm(ops: LayerNormOps): Promise<KernelCheck> {
  const checks: KernelCheck[] = [];
  for (const [i, { shape, slope }] of CASES.entries()) {
    checks.push(
      await compareOnDevice(() => {
        const c = shape[shape.length - 1];
        const inputs = [
          tf.randomNormal(shape, 0.5, 1, 'float32', 41 + i),
          tf.randomNormal([c], 1, 1, 'float32', 43 + i),
          tf.randomNormal([c], 0, 1, 'float32', 47 + i),
        ];
        const axes = shape.slice(1).map((_, a) => a + 1);
        const run = (norm: (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.Tensor) => {
          const y = norm(inputs[0], inputs[1], inputs[2]);
          const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 53 + i);
          const grads = tf.grads((x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
            tf.sum(tf.mul(norm(x, g, b), dy)),
          )(inputs);
          return [y, ...grads];
        };
        const ours = run((x, g, b) => fusedLayerNorm(x, g, b, slope, ops));
        const theirs = run((x, g, b) => normaliseOp(x, g, b, axes, undefined, slope));
        return ours.map((t, j) => [t, theirs[j]]);
      }),
    );
  }
  return worst(checks);
}
