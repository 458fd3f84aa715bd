import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filled } from '../testing/cpuWasm';
import { reluGrad } from './reluGrad';
import { installWasmElementwise, RELU_GRAD } from './wasmElementwise';

describe('reluGrad', () => {
  beforeAll(() => installWasmElementwise());
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    ['leaky, ragged', [3, 7], 0.3],
    ['ReLU, a multiple of four', [4, 4], 0],
  ] as const)('%s: dy ⊙ step(y, slope) to the bit, in one kernel on wasm', async (_, shape, slope) => {
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const dy = filled([...shape], 1);
      const y = filled([...shape], 4);
      const composed = tf.tidy(() => tf.mul(dy, tf.step(y, slope)));
      const profile = await tf.profile(() => reluGrad(dy, y, slope));
      const ours = profile.result as tf.Tensor;
      expect(Array.from(await ours.data())).toEqual(Array.from(await composed.data()));
      expect(profile.kernelNames).toEqual(backend === 'wasm' ? [RELU_GRAD] : ['Step', 'Multiply']);
      tf.dispose([dy, y, composed, ours]);
    }
  });

  it('gives slope where y is 0 or −0, and NaN where y is NaN, as tf.step does', async () => {
    await tf.setBackend('wasm');
    const y = tf.tensor1d([0, -0, NaN, -1, 2, Infinity, -Infinity]);
    const dy = tf.tensor1d([1, 2, 3, 4, 5, 6, 7]);
    const ours = reluGrad(dy, y, 0.25);
    const composed = tf.mul(dy, tf.step(y, 0.25));
    expect(Array.from(await ours.data())).toEqual(Array.from(await composed.data()));
    tf.dispose([y, dy, ours, composed]);
  });
});
