import * as tf from '@tensorflow/tfjs';
import { customGrad } from '../ops/customGrad';
import type { LayerNormOps } from '../ops/webgpu/layerNormKernels';
import type { LayerNormShape } from '../ops/webgpu/layerNormPrograms';

/**
 * Layer norm (statistics over all but the sample axis), a per-channel gain and bias, then an optional
 * (leaky) ReLU, as four kernels of `ops`: two forward (the statistics, then the output) and two back
 * (dx, and partial channel sums for the gain and bias, summed here). The same values as norm.ts'
 * normaliseOp, which is about 10 kernels forward and 12 back: on WebGPU every one is a dispatch. Saves
 * the input and the statistics; x̂ and the activation are recomputed where the backward reads them.
 * x: [N, ..., C]; gain, bias: [C].
 */
export function fusedLayerNorm(
  x: tf.Tensor,
  gain: tf.Tensor,
  bias: tf.Tensor,
  slope: number | undefined,
  ops: LayerNormOps,
): tf.Tensor {
  const n = x.shape[0];
  const c = x.shape[x.rank - 1];
  const s: LayerNormShape = { n, f: x.size / n, c, slope: slope ?? null };
  const op = customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, g, b] = args as [tf.Tensor, tf.Tensor, tf.Tensor];
    const save = args[3] as tf.GradSaveFunc;
    const flat = tf.reshape(input, [s.n, s.f]) as tf.Tensor2D; // [N, F]
    const stats = ops.stats(flat, s); // [N, 2]
    save([flat, stats, g, b]);
    return {
      value: tf.reshape(ops.apply(flat, stats, g, b, s), x.shape),
      gradFunc: (dOut: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, st, gs, bs] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor, tf.Tensor];
        const kept = { x: xs, stats: st, gain: gs, bias: bs };
        const d = tf.reshape(dOut, [s.n, s.f]) as tf.Tensor2D; // [N, F]
        const dx = tf.reshape(ops.backDx(d, kept, s), x.shape);
        const sums = tf.sum(ops.backChannel(d, kept, s), 0); // [2, C]: dGain, dBias
        const [dGain, dBias] = tf.unstack(sums); // [C] each
        return [dx, dGain, dBias];
      },
    };
  });
  return op(x, gain, bias);
}
