import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/tfTest';
import { stopGradient } from './stopGradient';

useCpuBackend();

describe('stopGradient', () => {
  it('gives f’s value, no gradient through it, and tapes none of f’s kernels', async () => {
    const x = tf.tensor1d([1, 2, 3]);
    const before = tf.memory().numTensors;
    const f = (t: tf.Tensor) => tf.sub(tf.mul(t, t), 1); // taped, Multiply clones both inputs
    const value = tf.tidy(() => stopGradient(f, x));
    expect(Array.from(await value.data())).toEqual([0, 3, 8]);
    // Through the stopped path the gradient is 0; the direct path still counts.
    const total = (t: tf.Tensor) => tf.sum(tf.add(stopGradient(f, t), t)) as tf.Scalar;
    const grad = tf.tidy(() => tf.grad(total)(x));
    expect(Array.from(await grad.data())).toEqual([1, 1, 1]);
    const info = await tf.profile(() => tf.tidy(() => void tf.grad(total)(x)));
    const identities = info.kernels.filter((k) => k.name === 'Identity').length;
    const plain = await tf.profile(() =>
      tf.tidy(() => void tf.grad((t: tf.Tensor) => tf.sum(tf.add(f(t), t)))(x)),
    );
    expect(identities).toBeLessThan(plain.kernels.filter((k) => k.name === 'Identity').length);
    tf.dispose([value, grad]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
