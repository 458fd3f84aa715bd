import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installWasmIdentity } from './wasmIdentity';

describe('Identity on wasm shares its input’s data', () => {
  beforeAll(async () => {
    installWasmIdentity();
    await tf.setBackend('wasm');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('clones without copying, and each copy outlives the other', async () => {
    const before = tf.memory();
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const buffers = tf.memory().numDataBuffers; // numBytes counts each tensor, views included
    const y = tf.clone(x); // engine.clone runs the Identity kernel
    expect(tf.memory().numDataBuffers).toBe(buffers);
    expect(y.shape).toEqual([2, 3]);
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4, 5, 6]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
  });

  it('keeps a clone’s values when the variable it was taken from is assigned', async () => {
    const v = tf.variable(tf.tensor1d([1, 2]));
    const saved = tf.clone(v);
    v.assign(tf.tensor1d([7, 8]));
    expect(Array.from(await saved.data())).toEqual([1, 2]);
    expect(Array.from(await v.data())).toEqual([7, 8]);
    tf.dispose([v, saved]);
  });

  it('saves what a gradient reads, with the gradient cpu gives', async () => {
    const x = tf.tensor1d([0.5, -1, 2]);
    const before = tf.memory().numTensors;
    const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.exp(t), t)) as tf.Scalar)(x); // (1 + t)·eᵗ
    const expected = [0.5, -1, 2].map((t) => (1 + t) * Math.exp(t));
    Array.from(await dx.data()).forEach((value, i) => expect(value).toBeCloseTo(expected[i], 5));
    dx.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
