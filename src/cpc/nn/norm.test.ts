import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff, useCpuBackend } from '../testing/tfTest';
import { layerNormOp } from './norm';

useCpuBackend();

/** Layer norm through autodiff, as tfjs would differentiate it. */
function referenceLayerNorm(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i + 1);
  const { mean, variance } = tf.moments(x, axes, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), gain), bias);
}

const values = (shape: number[], seed: number) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(seed + i * 0.7) * 3),
    shape,
  );

describe('layer norm with its written-out gradient', () => {
  it.each([
    ['feature vectors', [3, 5]],
    ['feature maps', [2, 3, 3, 4]],
  ])('%s: values and gradients match autodiff', async (_, shape) => {
    const channels = shape[shape.length - 1];
    const x = values(shape, 1);
    const gain = values([channels], 2);
    const bias = values([channels], 3);
    const weights = values(shape, 4); // a loss that weighs every output differently
    const loss = (f: typeof layerNormOp) => (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(f(a, g, b), weights));
    const ours = tf.grads(loss(layerNormOp));
    const theirs = tf.grads(loss(referenceLayerNorm));
    const [y, yRef] = [layerNormOp(x, gain, bias), referenceLayerNorm(x, gain, bias)];
    expect(maxAbsDiff(await y.data(), await yRef.data())).toBeLessThan(1e-5);
    const [a, b] = [ours([x, gain, bias]), theirs([x, gain, bias])];
    for (let i = 0; i < 3; i++) {
      expect(a[i].shape).toEqual(b[i].shape);
      expect(maxAbsDiff(await a[i].data(), await b[i].data())).toBeLessThan(1e-4);
    }
    tf.dispose([x, gain, bias, weights, y, yRef, ...a, ...b]);
  });

  it('normalises each sample to mean 0 and variance 1 before gain and bias', async () => {
    const x = tf.tensor2d([
      [1, 2, 3, 4],
      [10, 10, 10, 14],
    ]);
    const y = layerNormOp(x, tf.ones([4]), tf.zeros([4]));
    const rows = (await y.array()) as number[][];
    for (const row of rows) {
      const mean = row.reduce((p, v) => p + v, 0) / row.length;
      const variance = row.reduce((p, v) => p + (v - mean) ** 2, 0) / row.length;
      expect(mean).toBeCloseTo(0, 5);
      expect(variance).toBeCloseTo(1, 3); // ε = 1e-5 against variances of 1.25 and 3
    }
    // Hand-computed: [1, 2, 3, 4] has mean 2.5 and variance 1.25.
    expect(rows[0][0]).toBeCloseTo(-1.5 / Math.sqrt(1.25 + 1e-5), 5);
    tf.dispose([x, y]);
  });
});
