import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff, useCpuBackend } from '../testing/tfTest';
import { gruRecurrence } from './gruRecurrence';

useCpuBackend();

/** The GRU recurrence unrolled with plain ops, differentiated by tfjs (the previous implementation). */
function unrolled(x: tf.Tensor4D, wh: tf.Tensor3D, bh: tf.Tensor3D): tf.Tensor4D {
  const [ndir, s, , gates] = x.shape;
  let h: tf.Tensor3D = tf.zeros([ndir, s, gates / 3]);
  const outputs: tf.Tensor3D[] = [];
  for (const xt of tf.unstack(x, 2) as tf.Tensor3D[]) {
    const hp = tf.add(tf.matMul(h, wh), bh);
    const [xr, xu, xn] = tf.split(xt, 3, 2);
    const [hr, hu, hn] = tf.split(hp, 3, 2);
    const r = tf.sigmoid(tf.add(xr, hr));
    const u = tf.sigmoid(tf.add(xu, hu));
    const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
    h = tf.add(n, tf.mul(u, tf.sub(h, n))) as tf.Tensor3D;
    outputs.push(h);
  }
  return tf.stack(outputs, 2) as tf.Tensor4D;
}

const values = (shape: number[], seed: number, scale: number) =>
  tf.tensor(
    Float32Array.from(
      { length: shape.reduce((a, b) => a * b, 1) },
      (_, i) => Math.sin(seed * 3.7 + i * 0.61) * scale,
    ),
    shape,
  );

describe('GRU recurrence with backpropagation through time written out', () => {
  const [ndir, s, t, h] = [2, 3, 4, 5];
  const x = values([ndir, s, t, 3 * h], 1, 1.5) as tf.Tensor4D;
  const wh = values([ndir, h, 3 * h], 2, 0.6) as tf.Tensor3D;
  const bh = values([ndir, 1, 3 * h], 3, 0.3) as tf.Tensor3D;

  it('computes the same hidden states as the unrolled loop', async () => {
    const [ours, theirs] = [gruRecurrence(x, wh, bh), unrolled(x, wh, bh)];
    expect(ours.shape).toEqual([ndir, s, t, h]);
    expect(maxAbsDiff(await ours.data(), await theirs.data())).toBeLessThan(1e-6);
    // h_1 by hand for one unit: h_0 = 0, so r and u only see x + bh, and h_1 = (1 − u)·n.
    const [xv, bv] = [(await x.array()) as number[][][][], (await bh.array()) as number[][][]];
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    const [r, u] = [sig(xv[0][0][0][0] + bv[0][0][0]), sig(xv[0][0][0][h] + bv[0][0][h])];
    const n = Math.tanh(xv[0][0][0][2 * h] + r * bv[0][0][2 * h]);
    expect(((await ours.array()) as number[][][][])[0][0][0][0]).toBeCloseTo((1 - u) * n, 6);
    tf.dispose([ours, theirs]);
  });

  it('gives the gradients autodiff gives, for the inputs, Wh and bh', async () => {
    const weights = values([ndir, s, t, h], 4, 1); // every output weighed differently
    const loss = (f: typeof gruRecurrence) => (a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(f(a as tf.Tensor4D, w as tf.Tensor3D, b as tf.Tensor3D), weights));
    const ours = tf.grads(loss(gruRecurrence))([x, wh, bh]);
    const theirs = tf.grads(loss(unrolled))([x, wh, bh]);
    for (let i = 0; i < 3; i++) {
      expect(ours[i].shape).toEqual(theirs[i].shape);
      expect(maxAbsDiff(await ours[i].data(), await theirs[i].data())).toBeLessThan(1e-5);
    }
    tf.dispose([weights, ...ours, ...theirs]);
  });

  it('leaves no tensor behind', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grads((a: tf.Tensor) => tf.sum(gruRecurrence(a as tf.Tensor4D, wh, bh)))([x]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
