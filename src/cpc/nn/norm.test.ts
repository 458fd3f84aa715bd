import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff, peakTensorBytes, useCpuBackend } from '../testing/tfTest';
import { createRng } from '../random';
import { BATCH_NORM_MOMENTUM, createNorm, layerNormOp, normaliseOp } from './norm';
import { ParamStore } from './params';

useCpuBackend();

/** Normalisation through autodiff, as tfjs would differentiate it. */
function referenceNorm(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor, axes: number[]): tf.Tensor {
  const { mean, variance } = tf.moments(x, axes, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), gain), bias);
}

const values = (shape: number[], seed: number) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(seed + i * 0.7) * 3),
    shape,
  );

const sampleAxes = (rank: number) => Array.from({ length: rank - 1 }, (_, i) => i + 1);
const channelAxes = (rank: number) => Array.from({ length: rank - 1 }, (_, i) => i);
const referenceLayerNorm = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
  referenceNorm(x, g, b, sampleAxes(x.rank));

describe('layer and batch norm with their written-out gradient', () => {
  it.each([
    ['layer norm, feature vectors', [3, 5], 'layer', undefined],
    ['layer norm, feature maps', [2, 3, 3, 4], 'layer', undefined],
    ['batch norm, feature vectors', [6, 5], 'batch', undefined],
    ['batch norm, feature maps', [2, 3, 3, 4], 'batch', undefined],
    ['layer norm + fused LeakyReLU', [2, 3, 3, 4], 'layer', 0.3],
    ['layer norm + fused ReLU', [2, 3, 3, 4], 'layer', 0],
    ['batch norm + fused LeakyReLU', [6, 5], 'batch', 0.3],
  ] as const)('%s: values and gradients match autodiff', async (_, shape, kind, slope) => {
    const axes = (kind === 'layer' ? sampleAxes : channelAxes)(shape.length);
    const ourOp = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => normaliseOp(a, g, b, axes, undefined, slope);
    const activation = (y: tf.Tensor) =>
      slope === undefined ? y : slope === 0 ? tf.relu(y) : tf.leakyRelu(y, slope);
    const refOp = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => activation(referenceNorm(a, g, b, axes));
    const channels = shape[shape.length - 1];
    const x = values([...shape], 1);
    const gain = values([channels], 2);
    const bias = values([channels], 3);
    const weights = values([...shape], 4); // a loss that weighs every output differently
    const loss = (f: typeof ourOp) => (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(f(a, g, b), weights));
    const ours = tf.grads(loss(ourOp));
    const theirs = tf.grads(loss(refOp));
    const [y, yRef] = [ourOp(x, gain, bias), refOp(x, gain, bias)];
    expect(maxAbsDiff(await y.data(), await yRef.data())).toBeLessThan(1e-5);
    const [a, b] = [ours([x, gain, bias]), theirs([x, gain, bias])];
    for (let i = 0; i < 3; i++) {
      expect(a[i].shape).toEqual(b[i].shape);
      expect(maxAbsDiff(await a[i].data(), await b[i].data())).toBeLessThan(1e-4);
    }
    tf.dispose([x, gain, bias, weights, y, yRef, ...a, ...b]);
  });

  it('holds few activation-sized temporaries in its backward pass', async () => {
    const x = values([64, 8, 8, 16], 8);
    const [g, b] = [values([16], 9), values([16], 10)];
    // Tensors alive already (x among them) are not the op's.
    const peak = await peakTensorBytes(x.size * 4, () => {
      const f = (t: tf.Tensor) => tf.sum(normaliseOp(t, g, b, [1, 2, 3], undefined, 0.1)) as tf.Scalar;
      tf.dispose(tf.grads(f)([x]));
    });
    // In units of x's bytes, over what was alive before (tensors counted as tfjs counts them): 7 with
    // each temporary and saved tensor disposed after its last read, 8 with the temporaries only, 14 with
    // all of them alive until the gradient returned.
    expect(peak).toBeLessThan(7.5);
    tf.dispose([x, g, b]);
  });

  it('holds few activation-sized temporaries in its forward pass', async () => {
    const x = values([64, 8, 8, 16], 11);
    const [g, b] = [values([16], 12), values([16], 13)];
    // Tensors alive already (x among them) are not the op's.
    const peak = await peakTensorBytes(x.size * 4, () =>
      tf.dispose(normaliseOp(x, g, b, [1, 2, 3], undefined, 0.1)),
    );
    // In units of x's bytes over what was alive before, the output included: 3 with each temporary
    // disposed after its last read, 6 with all of them alive to the end (what an embedding pass without
    // a tape paid).
    expect(peak).toBeLessThan(3.5);
    tf.dispose([x, g, b]);
  });

  it('layerNormOp is normaliseOp over all but the sample axis', async () => {
    const x = values([2, 3, 4], 5);
    const [g, b] = [values([4], 6), values([4], 7)];
    const [y, yRef] = [layerNormOp(x, g, b), referenceLayerNorm(x, g, b)];
    expect(maxAbsDiff(await y.data(), await yRef.data())).toBeLessThan(1e-5);
    tf.dispose([x, g, b, y, yRef]);
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

  it('batch norm keeps running averages of the batch statistics once the step is accepted', async () => {
    const store = new ParamStore(createRng(1));
    const norm = createNorm('batch', store.scope('bn'), 2);
    const x = tf.tensor2d([
      [1, 10],
      [3, 14],
      [5, 18],
    ]); // channel means 3 and 14, variances 8/3 and 32/3
    tf.tidy(() => {
      norm.apply(x, true);
      store.commitDeferred(tf.scalar(true, 'bool'));
    });
    const running = async (name: string) => Array.from(await store.get(name).data());
    const m = 1 - BATCH_NORM_MOMENTUM;
    const [mean, variance] = [await running('bn/bn_mean'), await running('bn/bn_var')];
    expect(mean[0]).toBeCloseTo(m * 3, 5);
    expect(mean[1]).toBeCloseTo(m * 14, 5);
    expect(variance[0]).toBeCloseTo(BATCH_NORM_MOMENTUM + (m * 8) / 3, 5);
    expect(variance[1]).toBeCloseTo(BATCH_NORM_MOMENTUM + (m * 32) / 3, 5);
    // A rejected step leaves them as they were.
    tf.tidy(() => {
      norm.apply(tf.mul(x, 100), true);
      store.commitDeferred(tf.scalar(false, 'bool'));
    });
    expect(await running('bn/bn_mean')).toEqual(mean);
    x.dispose();
    store.dispose();
  });
});
