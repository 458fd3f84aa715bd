import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filled, onCpuAndWasm } from '../testing/cpuWasm';
import { installWasmTranspose, transposePlan } from './wasmTranspose';

describe('transposePlan', () => {
  it.each([
    [
      'conv filter gradient: first and last axes swap',
      [576, 10, 10, 32],
      [3, 1, 2, 0],
      'swap-outer',
      [576, 100, 32],
    ],
    ['2-D', [5, 7], [1, 0], 'swap-outer', [5, 1, 7]],
    ['batched 2-D', [4, 384, 576], [0, 2, 1], 'swap-inner', [4, 384, 576]],
    ['rows move whole', [576, 8, 8, 32], [1, 2, 0, 3], 'rows', [576, 64, 32]],
    ['[A, M, B] → [M, B, A]', [3, 4, 5], [1, 2, 0], 'swap-outer', [3, 1, 20]],
    ['[A, M, B] → [B, A, M]', [3, 4, 5], [2, 0, 1], 'swap-outer', [12, 1, 5]],
    ['axes of size 1 are skipped', [1, 6, 1, 5], [3, 2, 1, 0], 'swap-outer', [6, 1, 5]],
  ] as const)('%s', (_, shape, perm, kind, sizes) => {
    expect(transposePlan(shape, perm)).toEqual({ kind, sizes });
  });

  it('a permutation that moves nothing is a copy', () => {
    expect(transposePlan([2, 3, 4], [0, 1, 2])).toEqual({ kind: 'copy', size: 24 });
    expect(transposePlan([2, 1, 4], [1, 0, 2])).toEqual({ kind: 'copy', size: 8 });
  });

  it('leaves four groups, and three in an order it has no kernel for, to tfjs', () => {
    expect(transposePlan([2, 3, 4, 5], [1, 3, 0, 2])).toBeNull();
    expect(transposePlan([2, 3, 4, 5], [3, 2, 1, 0])).toBeNull();
  });
});

describe('Transpose on wasm', () => {
  beforeAll(() => installWasmTranspose());
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    // Sizes that are not multiples of four exercise the kernel's edges.
    ['first and last axes, four-by-four blocks', [8, 3, 2, 12], [3, 1, 2, 0]],
    ['first and last axes, ragged edges', [7, 3, 2, 6], [3, 1, 2, 0]],
    ['2-D, ragged', [5, 9], [1, 0]],
    ['2-D, one row', [1, 9], [1, 0]],
    ['batched 2-D', [3, 6, 5], [0, 2, 1]],
    ['rows of 32 move whole', [5, 2, 3, 32], [1, 2, 0, 3]],
    ['rows of 3 move whole', [5, 4, 3], [1, 0, 2]],
    ['[A, M, B] → [M, B, A]', [3, 4, 5], [1, 2, 0]],
    ['[A, M, B] → [B, A, M]', [3, 4, 5], [2, 0, 1]],
    ['identity permutation', [3, 4], [0, 1]],
    ['four groups (left to tfjs)', [2, 3, 4, 5], [1, 3, 0, 2]],
    ['empty', [0, 4], [1, 0]],
  ] as const)('%s', async (_, shape, perm) => {
    const { cpu, wasm } = await onCpuAndWasm(() =>
      tf.tidy(() => tf.transpose(filled([...shape], 3), [...perm])),
    );
    expect(wasm).toEqual(cpu);
  });

  it('transposes int32 through tfjs, and leaves no tensor behind', async () => {
    const { cpu, wasm } = await onCpuAndWasm(() => tf.tidy(() => tf.transpose(filled([3, 5], 1, 'int32'))));
    expect(wasm).toEqual(cpu);
    const x = filled([4, 6], 2);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.transpose(x, [1, 0]);
    });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
