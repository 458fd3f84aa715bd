import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filled } from '../testing/cpuWasm';
import { installWasmElementwise } from './wasmElementwise';

describe('LeakyRelu and Select on wasm', () => {
  let tfjsLeakyRelu: tf.KernelFunc;
  let tfjsSelect: tf.KernelFunc;
  beforeAll(async () => {
    await tf.setBackend('wasm');
    tfjsLeakyRelu = tf.getKernel(tf.LeakyRelu, 'wasm')!.kernelFunc;
    tfjsSelect = tf.getKernel(tf.Select, 'wasm')!.kernelFunc;
    installWasmElementwise();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  /** LeakyRelu of x by the replacement and by tfjs-wasm's own kernel, as arrays. */
  async function both(x: tf.Tensor, alpha: number) {
    const backend = tf.backend() as BackendWasm;
    const ours = tf.leakyRelu(x, alpha);
    const theirs = tfjsLeakyRelu({ inputs: { x }, backend, attrs: { alpha } }) as tf.TensorInfo;
    const result = {
      ours: Array.from(await ours.data()),
      theirs: Array.from(backend.readSync(theirs.dataId) as Float32Array),
    };
    ours.dispose();
    backend.disposeData(theirs.dataId);
    return result;
  }

  it.each([
    ['a multiple of four', [6, 4], 0.2],
    ['a ragged tail', [3, 7], 0.01],
    ['fewer than four', [3], 0.3],
  ] as const)('%s: equal to tfjs’ own kernel to the bit', async (_, shape, alpha) => {
    const x = filled([...shape], 4);
    const { ours, theirs } = await both(x, alpha);
    expect(ours).toEqual(theirs);
    expect(ours.filter((v) => v < 0).length).toBeGreaterThan(0);
    x.dispose();
  });

  it('keeps −0, NaN and ±Infinity as tfjs does', async () => {
    const x = tf.tensor1d([-0, 0, NaN, Infinity, -Infinity, -2, 2, -1e-38, 5]);
    const { ours, theirs } = await both(x, 0.2);
    expect(ours).toEqual(theirs);
    expect(Object.is(ours[0], -0)).toBe(true);
    x.dispose();
  });

  it('leaves int32 input to tfjs', async () => {
    const x = filled([5], 1, 'int32');
    const { ours, theirs } = await both(x, 0.2);
    expect(ours).toEqual(theirs);
    x.dispose();
  });

  it.each([
    ['float32, ragged', [11], 'float32'],
    ['int32, 2-D', [4, 4], 'int32'],
    ['fewer than four', [2], 'float32'],
  ] as const)('select: %s, equal to tfjs’ own kernel', async (_, shape, dtype) => {
    const backend = tf.backend() as BackendWasm;
    const condition = filled([...shape], 3, 'bool');
    const t = filled([...shape], 6, dtype);
    const e = filled([...shape], 7, dtype);
    const ours = tf.engine().runKernel(tf.Select, { condition, t, e }) as tf.Tensor;
    const theirs = tfjsSelect({ inputs: { condition, t, e }, backend, attrs: {} }) as tf.TensorInfo;
    const [conditionValues, tValues, eValues] = await Promise.all([condition.data(), t.data(), e.data()]);
    const expected = Array.from(tValues, (v, i) => (conditionValues[i] ? v : eValues[i]));
    expect(Array.from(await ours.data())).toEqual(expected);
    expect(Array.from(backend.readSync(theirs.dataId) as ArrayLike<number>)).toEqual(expected);
    expect(new Set(conditionValues).size).toBe(2);
    backend.disposeData(theirs.dataId);
    tf.dispose([condition, t, e, ours]);
  });

  it('select with a broadcast condition goes to tfjs', async () => {
    const condition = tf.tensor1d([true, false], 'bool');
    const t = filled([2, 3], 1);
    const e = filled([2, 3], 2);
    const ours = tf.where(condition.reshape([2, 1]), t, e);
    const [tValues, eValues] = [await t.data(), await e.data()];
    expect(Array.from(await ours.data())).toEqual([...tValues.slice(0, 3), ...eValues.slice(3)]);
    tf.dispose([condition, t, e, ours]);
  });
});
