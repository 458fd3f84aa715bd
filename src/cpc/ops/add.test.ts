import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { filled } from '../testing/cpuWasm';
import { add } from './add';

describe('add that keeps no input for its gradient', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    ['a bias over the channels', [3, 2, 2, 4], [4]],
    ['same shapes', [2, 5], [2, 5]],
    ['broadcast both ways', [3, 1, 4], [1, 2, 1]],
  ])('%s: the value and gradients of tf.add, to the bit', async (_, aShape, bShape) => {
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const a = filled(aShape, 1);
      const b = filled(bShape, 2);
      const probe = filled(tf.broadcast_util.assertAndGetBroadcastShape(aShape, bShape), 3);
      const run = async (f: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) => {
        const { value, grads } = tf.valueAndGrads((x: tf.Tensor, y: tf.Tensor) =>
          tf.sum(tf.mul(f(x, y), probe)),
        )([a, b]);
        const result = [await value.data(), ...(await Promise.all(grads.map((g) => g.data())))].map((v) =>
          Array.from(v),
        );
        const shapes = grads.map((g) => g.shape);
        tf.dispose([value, ...grads]);
        return { result, shapes };
      };
      const ours = await run(add);
      expect(ours).toEqual(await run(tf.add));
      expect(ours.shapes).toEqual([aShape, bShape]);
      tf.dispose([a, b, probe]);
    }
  });

  it('lets an input go as soon as the caller disposes it, while the gradient is still being recorded', async () => {
    await tf.setBackend('cpu');
    const b = filled([4], 2);
    const freedAfterDispose = (sum: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) => {
      let freed = 0;
      const g = tf.grad((x: tf.Tensor) => {
        const y = tf.mul(x, 2); // [64, 4], read by nothing but the sum
        const out = sum(y, b);
        const before = tf.memory().numDataBuffers; // numBytes counts tensors, not data
        y.dispose();
        freed = before - tf.memory().numDataBuffers;
        return tf.sum(out);
      })(filled([64, 4], 1));
      g.dispose();
      return freed;
    };
    expect(freedAfterDispose(add)).toBe(1);
    expect(freedAfterDispose(tf.add)).toBe(0); // tf.add saved it for its shape
    b.dispose();
  });
});
