import * as tf from '@tensorflow/tfjs';
import type { LayerNormOps, LayerNormSaved } from '../ops/webgpu/layerNormKernels';
import { CHANNEL_ROWS, LN_EPSILON, type LayerNormShape } from '../ops/webgpu/layerNormPrograms';

/**
 * The fused layer norm's four kernels in tf ops, on any backend: the formulas the WGSL programs
 * (layerNormPrograms.ts) compute, for tests in Node.
 */
export const referenceLayerNorm: LayerNormOps = {
  stats: (x) =>
    tf.tidy(() => {
      const mean = tf.mean(x, 1, true); // [N, 1]
      const variance = tf.mean(tf.square(tf.sub(x, mean)), 1, true);
      return tf.concat([mean, tf.rsqrt(tf.add(variance, LN_EPSILON))], 1) as tf.Tensor2D; // [N, 2]
    }),
  apply: (x, stats, gain, bias, s) =>
    tf.tidy(() => {
      const y = tf.add(tf.mul(normalised(x, stats, s), gain), bias); // [N, S, C]
      const out = s.slope === null ? y : tf.leakyRelu(y, s.slope);
      return tf.reshape(out, [s.n, s.f]) as tf.Tensor2D;
    }),
  backDx: (dOut, saved, s) =>
    tf.tidy(() => {
      const { dy, xh } = back(dOut, saved, s); // [N, S, C] each
      const dxh = tf.mul(dy, saved.gain);
      const mean = (t: tf.Tensor) => tf.mean(t, [1, 2], true); // [N, 1, 1]
      const inv = tf.reshape(tf.slice(saved.stats, [0, 1], [s.n, 1]), [s.n, 1, 1]);
      const dx = tf.mul(tf.sub(tf.sub(dxh, mean(dxh)), tf.mul(xh, mean(tf.mul(dxh, xh)))), inv);
      return tf.reshape(dx, [s.n, s.f]) as tf.Tensor2D;
    }),
  backChannel: (dOut, saved, s) =>
    tf.tidy(() => {
      const { dy, xh } = back(dOut, saved, s);
      const rows = (s.n * s.f) / s.c;
      const chunks = Math.ceil(rows / CHANNEL_ROWS);
      // Rows padded with zeros to whole chunks, then summed per chunk, as the kernel's invocations do.
      const perChunk = (t: tf.Tensor) =>
        tf.sum(
          tf.reshape(
            tf.pad(tf.reshape(t, [rows, s.c]), [
              [0, chunks * CHANNEL_ROWS - rows],
              [0, 0],
            ]),
            [chunks, CHANNEL_ROWS, s.c],
          ),
          1,
        );
      return tf.stack([perChunk(tf.mul(dy, xh)), perChunk(dy)], 1) as tf.Tensor3D; // [chunks, 2, C]
    }),
};

/** x̂ as [N, S, C]. */
function normalised(x: tf.Tensor2D, stats: tf.Tensor2D, s: LayerNormShape): tf.Tensor3D {
  const mean = tf.reshape(tf.slice(stats, [0, 0], [s.n, 1]), [s.n, 1, 1]);
  const inv = tf.reshape(tf.slice(stats, [0, 1], [s.n, 1]), [s.n, 1, 1]);
  return tf.mul(tf.sub(tf.reshape(x, [s.n, s.f / s.c, s.c]), mean), inv);
}

/** dy through the activation (slope where its input was ≤ 0), and x̂; [N, S, C] each. */
function back(dOut: tf.Tensor2D, saved: LayerNormSaved, s: LayerNormShape): { dy: tf.Tensor; xh: tf.Tensor } {
  const xh = normalised(saved.x, saved.stats, s);
  const d = tf.reshape(dOut, [s.n, s.f / s.c, s.c]);
  if (s.slope === null) return { dy: d, xh };
  return { dy: tf.mul(d, tf.step(tf.add(tf.mul(xh, saved.gain), saved.bias), s.slope)), xh };
}
