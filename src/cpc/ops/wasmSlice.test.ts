import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installWasmSlice } from './wasmSlice';

const filled = (shape: number[], dtype: 'float32' | 'int32' | 'bool' = 'float32') => {
  const size = shape.reduce((a, b) => a * b, 1);
  const numbers = Array.from({ length: size }, (_, i) => i * 1.5 - 7);
  if (dtype === 'bool')
    return tf.tensor(
      numbers.map((_, i) => i % 3 === 0),
      shape,
      'bool',
    );
  return tf.tensor(dtype === 'int32' ? numbers.map(Math.round) : numbers, shape, dtype);
};

async function on<T>(backend: string, work: () => tf.Tensor | tf.Tensor[]): Promise<T> {
  await tf.setBackend(backend);
  const out = work();
  const list = Array.isArray(out) ? out : [out];
  const result = await Promise.all(
    list.map(async (t) => ({ shape: t.shape, values: Array.from(await t.data()) })),
  );
  tf.dispose(list);
  return result as T;
}

describe('slices that copy only what they keep, on wasm', () => {
  beforeAll(() => installWasmSlice());
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    ['a run of a vector', [10], [3], [4], 'float32'],
    ['rows of a matrix (contiguous)', [5, 4], [1, 0], [3, 4], 'float32'],
    ['columns of a matrix', [5, 4], [0, 1], [5, 2], 'float32'],
    ['a window of feature maps', [2, 6, 6, 3], [0, 1, 2, 0], [2, 4, 3, 3], 'float32'],
    ['a corner with size −1', [3, 4, 5], [1, 2, 1], [-1, -1, 2], 'float32'],
    ['rank 5', [2, 2, 3, 3, 2], [1, 0, 1, 0, 1], [1, 2, 2, 3, 1], 'float32'],
    ['strided rows from the middle (one SIMD call)', [5, 4, 6], [1, 0, 2], [3, 4, 3], 'float32'],
    ['strided int32 rows', [5, 4, 6], [2, 0, 1], [2, 4, 5], 'int32'],
    ['int32 values', [4, 5], [1, 1], [2, 3], 'int32'],
    ['bool values', [4, 5], [0, 2], [4, 2], 'bool'],
    ['nothing', [4, 5], [1, 1], [0, 3], 'float32'],
  ] as const)('slice, %s: as the cpu backend', async (_, shape, begin, size, dtype) => {
    const work = () => tf.tidy(() => tf.slice(filled([...shape], dtype), [...begin], [...size]));
    expect(await on('wasm', work)).toEqual(await on('cpu', work));
  });

  it.each([
    ['a flat buffer into uneven pieces', [12], [5, 1, 6], 0],
    ['the last axis into equal parts', [2, 3, 3, 9], 3, 3],
    ['a middle axis', [2, 6, 4], [2, 4], 1],
    ['the first axis', [6, 2, 2], 3, 0],
  ] as const)('split, %s: as the cpu backend', async (_, shape, sizes, axis) => {
    const work = () =>
      tf.tidy(() => tf.split(filled([...shape]), typeof sizes === 'number' ? sizes : [...sizes], axis));
    expect(await on('wasm', work)).toEqual(await on('cpu', work));
  });

  it.each([
    ['a middle axis', [2, 5, 3], 1],
    ['the first axis', [4, 3, 2], 0],
    ['the last axis, negative', [3, 2, 4], -1],
  ] as const)('unstack along %s: as the cpu backend', async (_, shape, axis) => {
    const work = () => tf.tidy(() => tf.unstack(filled([...shape]), axis));
    expect(await on('wasm', work)).toEqual(await on('cpu', work));
  });

  it.each([
    ['every other tap of a kernel', [3, 3, 4, 5], [0, 0, 0, 0], [3, 3, 4, 5], [2, 2, 1, 1], {}, 'float32'],
    ['an offset phase', [3, 3, 4, 5], [1, 0, 0, 0], [3, 3, 4, 5], [2, 2, 1, 1], {}, 'float32'],
    ['long rows, step on the first axis', [5, 300], [1, 0], [5, 300], [3, 1], {}, 'float32'],
    ['a step along the last axis', [4, 7], [0, 1], [4, 7], [1, 3], {}, 'int32'],
    [
      'begin and end masks',
      [4, 6, 3],
      [2, 1, 1],
      [0, 5, 3],
      [1, 2, 1],
      { beginMask: 1, endMask: 1 },
      'float32',
    ],
    ['a dropped axis', [4, 6, 3], [1, 0, 0], [2, 6, 3], [1, 2, 1], { shrinkAxisMask: 1 }, 'float32'],
    ['a new axis', [4, 6], [0, 0, 0], [4, 1, 6], [2, 1, 2], { newAxisMask: 2 }, 'float32'],
    ['backwards (left to tfjs)', [4, 6], [3, 0], [0, 6], [-1, 2], {}, 'float32'],
    ['nothing', [4, 6], [2, 0], [2, 6], [1, 2], {}, 'float32'],
  ] as const)(
    'strided slice, %s: as the cpu backend',
    async (_, shape, begin, end, strides, masks, dtype) => {
      const m = masks as Record<string, number>;
      const work = () =>
        tf.tidy(() =>
          tf.stridedSlice(
            filled([...shape], dtype),
            [...begin],
            [...end],
            [...strides],
            m.beginMask ?? 0,
            m.endMask ?? 0,
            0,
            m.newAxisMask ?? 0,
            m.shrinkAxisMask ?? 0,
          ),
        );
      expect(await on('wasm', work)).toEqual(await on('cpu', work));
    },
  );

  it('keeps the heap tidy: no data left behind, and installing twice changes nothing', async () => {
    await tf.setBackend('wasm');
    const x = filled([64, 6, 6, 18]);
    const kernel = tf.getKernel(tf.SplitV, 'wasm');
    installWasmSlice();
    expect(tf.getKernel(tf.SplitV, 'wasm')).toBe(kernel);
    const dataIds = tf.engine().backend.numDataIds();
    tf.dispose(tf.split(x, 9, 3));
    tf.slice(x, [0, 1, 1, 0], [64, 4, 4, 18]).dispose();
    tf.dispose(tf.unstack(x, 2));
    tf.stridedSlice(x, [0, 0, 0, 0], [64, 6, 6, 18], [2, 2, 1, 1]).dispose();
    expect(tf.engine().backend.numDataIds()).toBe(dataIds);
    x.dispose();
  });
});
