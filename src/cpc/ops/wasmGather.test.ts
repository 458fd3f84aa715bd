import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filled, onCpuAndWasm } from '../testing/cpuWasm';
import { installWasmGather } from './wasmGather';

describe('row gathers on wasm', () => {
  beforeAll(() => installWasmGather());
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    ['long rows, repeated indices', [5, 70], [4, 0, 4, 2, 4], 'float32'],
    ['short rows of int32', [6, 3], [5, 1, 1, 0], 'int32'],
    ['single values (a flat score vector)', [10], [9, 0, 3, 3], 'float32'],
    ['rows of a 3-D tensor', [4, 2, 3], [3, 1], 'float32'],
    ['no indices', [4, 2], [], 'float32'],
  ] as const)('axis 0: %s', async (_, shape, rows, dtype) => {
    const { cpu, wasm } = await onCpuAndWasm(() =>
      tf.tidy(() => tf.gather(filled([...shape], 1, dtype), tf.tensor1d([...rows], 'int32'), 0)),
    );
    expect(wasm).toEqual(cpu);
  });

  it('keeps the indices’ shape in front of the rows', async () => {
    const { cpu, wasm } = await onCpuAndWasm(() =>
      tf.tidy(() => tf.gather(filled([5, 3], 2), tf.tensor2d([0, 4, 2, 2, 1, 3], [2, 3], 'int32'), 0)),
    );
    expect(wasm.shape).toEqual([2, 3, 3]);
    expect(wasm).toEqual(cpu);
  });

  it('leaves gathers along other axes to tfjs', async () => {
    const { cpu, wasm } = await onCpuAndWasm(() =>
      tf.tidy(() => tf.gather(filled([3, 4, 2], 3), tf.tensor1d([3, 0, 0], 'int32'), 1)),
    );
    expect(wasm.shape).toEqual([3, 3, 2]);
    expect(wasm).toEqual(cpu);
  });

  it('refuses an index outside the input and keeps no buffer for it', async () => {
    await tf.setBackend('wasm');
    const x = filled([4, 2], 4);
    const outside = [4, -1].map((bad) => tf.tensor1d([0, bad], 'int32'));
    const buffers = tf.memory().numDataBuffers;
    expect(() => tf.gather(x, outside[0], 0)).toThrow('index 4 is not in [0, 3]');
    expect(() => tf.gather(x, outside[1], 0)).toThrow('index -1 is not in [0, 3]');
    expect(tf.memory().numDataBuffers).toBe(buffers);
    tf.dispose([x, ...outside]);
  });
});
