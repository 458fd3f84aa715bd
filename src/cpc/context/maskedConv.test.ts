import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ParamStore } from '../nn/params';
import { createRng } from '../random';
import { maxAbsDiff, useCpuBackend } from '../testing/tfTest';
import {
  causalColumns,
  createMaskedConv,
  MASKED_CONV_LANE_KERNEL as KL,
  MASKED_CONV_TIME_KERNEL as KT,
} from './maskedConv';

useCpuBackend();

describe('masked-conv context', () => {
  it('is, per direction, a ReLU of a 2-D conv padded only before t (checked against tf.conv2d)', async () => {
    const [ndir, batch, t, l, cin, hidden] = [2, 3, 4, 5, 2, 3];
    const tensorsBefore = tf.memory().numTensors;
    const params = new ParamStore(createRng(1));
    const context = createMaskedConv(params.scope('context'), ndir, cin, hidden, 1);
    // Non-zero biases, so that a bias applied to the wrong direction shows.
    const b = params.get('context/layer0/b');
    tf.tidy(() =>
      b.assign(
        tf.tensor3d(Float32Array.from({ length: ndir * hidden }, createRng(2).normal), [ndir, 1, hidden]),
      ),
    );
    const z = tf.tensor5d(Float32Array.from({ length: ndir * batch * t * l * cin }, createRng(3).normal), [
      ndir,
      batch,
      t,
      l,
      cin,
    ]); // [Ndir, B, T, L, Cin]
    const [actual, expected] = tf.tidy(() => {
      const w = params.get('context/layer0/w'); // [Ndir, kT·kL·Cin, H], rows ordered (dt, dl, cin)
      const perDirection = Array.from({ length: ndir }, (_, d) => {
        const x = tf.squeeze(tf.slice(z, [d, 0, 0, 0, 0], [1, batch, t, l, cin]), [0]); // [B, T, L, Cin]
        const padded = tf.pad(x, [
          [0, 0],
          [KT - 1, 0],
          [(KL - 1) / 2, (KL - 1) / 2],
          [0, 0],
        ]);
        const filter = tf.reshape(tf.slice(w, [d, 0, 0], [1, -1, -1]), [KT, KL, cin, hidden]);
        const bias = tf.reshape(tf.slice(b, [d, 0, 0], [1, 1, -1]), [hidden]);
        return tf.relu(tf.add(tf.conv2d(padded as tf.Tensor4D, filter as tf.Tensor4D, 1, 'valid'), bias));
      });
      return [context.run(z), tf.stack(perDirection)]; // both [Ndir, B, T, L, H]
    });
    expect(actual.shape).toEqual([ndir, batch, t, l, hidden]);
    expect(maxAbsDiff(await actual.data(), await expected.data())).toBeLessThan(1e-5);
    tf.dispose([z, actual, expected]);
    params.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('takes its columns’ gradient as autodiff through pad, slices and concat would', async () => {
    const [n, t, l, c] = [2, 4, 5, 3];
    const grid = tf.tensor4d(Float32Array.from({ length: n * t * l * c }, createRng(4).normal), [n, t, l, c]);
    const weights = tf.tensor4d(Float32Array.from({ length: n * t * l * KT * KL * c }, createRng(5).normal), [
      n,
      t,
      l,
      KT * KL * c,
    ]);
    const reference = (x: tf.Tensor4D) => {
      const padded = tf.pad(x, [
        [0, 0],
        [KT - 1, 0],
        [(KL - 1) / 2, (KL - 1) / 2],
        [0, 0],
      ]);
      const taps: tf.Tensor[] = [];
      for (let dt = 0; dt < KT; dt++)
        for (let dl = 0; dl < KL; dl++) taps.push(tf.slice(padded, [0, dt, dl, 0], [n, t, l, c]));
      return tf.concat(taps, 3) as tf.Tensor4D;
    };
    const before = tf.memory().numTensors;
    const run = (f: (x: tf.Tensor4D) => tf.Tensor4D) =>
      tf.tidy(() => [f(grid), tf.grad((x: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor4D), weights)))(grid)]);
    const [ours, theirs] = [run(causalColumns), run(reference)];
    expect(ours[0].shape).toEqual([n, t, l, KT * KL * c]);
    expect(maxAbsDiff(await ours[0].data(), await theirs[0].data())).toBe(0);
    expect(maxAbsDiff(await ours[1].data(), await theirs[1].data())).toBeLessThan(1e-5);
    tf.dispose([...ours, ...theirs]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([grid, weights]);
  });
});
