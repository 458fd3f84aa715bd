import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../testing/tfTest';
import { installWasmBatchMatMul } from './wasmBatchMatMul';

/** Values from a fixed formula, so cpu and wasm multiply the same numbers. */
function filled(shape: number[], seed: number): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, (_, i) => Math.sin(seed * 7.1 + i * 1.3)),
    shape,
  );
}

async function product(
  backend: string,
  shapeA: number[],
  shapeB: number[],
  transposeA = false,
  transposeB = false,
): Promise<{ shape: number[]; values: Float32Array }> {
  await tf.setBackend(backend);
  const [a, b] = [filled(shapeA, 1), filled(shapeB, 2)];
  const y = tf.matMul(a, b, transposeA, transposeB);
  const result = { shape: y.shape, values: (await y.data()) as Float32Array };
  tf.dispose([a, b, y]);
  return result;
}

describe('per-matrix BatchMatMul on wasm', () => {
  beforeAll(() => installWasmBatchMatMul());
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    ['a batch of 4', [4, 5, 3], [4, 3, 2], false, false],
    ['transposed operands', [4, 3, 5], [4, 2, 3], true, true],
    ['one side a single matrix (rank 3)', [1, 5, 3], [4, 3, 2], false, false],
    ['one side a plain matrix (rank 2)', [4, 5, 3], [3, 2], false, false],
    ['two outer axes', [2, 3, 5, 4], [2, 3, 4, 6], false, false],
    ['a broadcast it leaves to tfjs', [2, 1, 5, 4], [1, 3, 4, 6], false, false],
    ['no batch at all', [5, 3], [3, 2], false, false],
  ] as const)('%s: same shape and values as the cpu backend', async (_, shapeA, shapeB, tA, tB) => {
    const cpu = await product('cpu', [...shapeA], [...shapeB], tA, tB);
    const wasm = await product('wasm', [...shapeA], [...shapeB], tA, tB);
    expect(wasm.shape).toEqual(cpu.shape);
    expect(maxAbsDiff(wasm.values, cpu.values)).toBeLessThan(1e-5);
  });

  it('frees every copy it makes', async () => {
    await tf.setBackend('wasm');
    const [a, b] = [filled([6, 8, 4], 3), filled([6, 4, 5], 4)];
    const dataIds = tf.engine().backend.numDataIds();
    const tensors = tf.memory().numTensors;
    tf.matMul(a, b).dispose();
    expect(tf.engine().backend.numDataIds()).toBe(dataIds);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([a, b]);
  });

  it('is installed once however often it is asked', () => {
    const kernel = tf.getKernel(tf.BatchMatMul, 'wasm');
    installWasmBatchMatMul();
    expect(tf.getKernel(tf.BatchMatMul, 'wasm')).toBe(kernel);
  });
});
