import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/tfTest';
import { customGrad } from './customGrad';

useCpuBackend();

type Wrapper = typeof customGrad;

/**
 * x² whose gradient, 2·x·dy, is computed through `steps` needless intermediate tensors. With `saving`
 * false nothing is saved, and the "gradient" is 2·dy: the same number of tensors, for counting only.
 */
function square(wrap: Wrapper, steps: number, saving = true) {
  return wrap((...args) => {
    const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
    if (saving) save([x]);
    return {
      value: tf.mul(x, x),
      gradFunc: (dy, saved) => {
        let g = saving ? tf.mul(dy, saved[0]) : tf.mul(dy, 1);
        for (let i = 1; i < steps; i++) g = tf.add(g, 0); // one more tensor per step
        return tf.mul(g, 2);
      },
    };
  });
}

/** Tensors alive when the backward pass reaches the first op of sum(square(x)), with `steps` intermediates. */
async function aliveBehind(
  wrap: Wrapper,
  steps: number,
  saving = true,
): Promise<{ alive: number; grad: number[] }> {
  let alive = -1;
  const marker = customGrad((...args) => ({
    value: tf.add(args[0] as tf.Tensor, 0),
    gradFunc: (dy) => {
      alive = tf.memory().numTensors;
      return tf.add(dy, 0);
    },
  }));
  const x = tf.tensor1d([1, 2, 3]);
  const grad = tf.grad((t: tf.Tensor) => tf.sum(square(wrap, steps, saving)(marker(t))) as tf.Scalar)(x);
  const values = Array.from(await grad.data());
  tf.dispose([x, grad]);
  return { alive, grad: values };
}

/** tfjs' own tf.customGrad, under the wrapper's type, for contrast. */
// eslint-disable-next-line no-restricted-syntax -- the behaviour the wrapper exists to fix
const untidied = ((f: Parameters<typeof tf.customGrad>[0]) => tf.customGrad(f)) as unknown as Wrapper;

describe('customGrad', () => {
  it('gives the value and gradient that tf.customGrad gives', async () => {
    const x = tf.tensor1d([1, -2, 3]);
    const before = tf.memory().numTensors;
    const y = square(customGrad, 3)(x);
    const dx = tf.grad((t: tf.Tensor) => tf.sum(square(customGrad, 3)(t)) as tf.Scalar)(x);
    expect(Array.from(await y.data())).toEqual([1, 4, 9]);
    expect(Array.from(await dx.data())).toEqual([2, -4, 6]);
    tf.dispose([y, dx]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('frees the gradient’s intermediate tensors before the backward pass goes on', async () => {
    const few = await aliveBehind(customGrad, 1);
    const many = await aliveBehind(customGrad, 6);
    expect(many.grad).toEqual([2, 4, 6]);
    expect(many.alive).toBe(few.alive);
    // tf.customGrad alone keeps each of them until the whole backward pass ends.
    const keptFew = await aliveBehind(untidied, 1);
    const keptMany = await aliveBehind(untidied, 6);
    expect(keptMany.alive - keptFew.alive).toBe(5);
  });

  it('disposes what it saved once its gradient is computed', async () => {
    const saved = await aliveBehind(customGrad, 3);
    const unsaved = await aliveBehind(customGrad, 3, false);
    expect(saved.grad).toEqual([2, 4, 6]);
    expect(saved.alive).toBe(unsaved.alive);
    const keptSaved = await aliveBehind(untidied, 3);
    const keptUnsaved = await aliveBehind(untidied, 3, false);
    expect(keptSaved.alive - keptUnsaved.alive).toBe(1);
  });

  it('leaks nothing once the gradient is disposed', async () => {
    const before = tf.memory().numTensors;
    await aliveBehind(customGrad, 4);
    expect(tf.memory().numTensors).toBe(before);
  });
});
