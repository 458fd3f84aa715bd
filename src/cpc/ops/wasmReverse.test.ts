import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filled, onCpuAndWasm } from '../testing/cpuWasm';
import { installWasmReverse } from './wasmReverse';

describe('Reverse on wasm', () => {
  beforeAll(() => installWasmReverse());
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    ['a conv kernel turned round', [3, 3, 4, 5], [0, 1]],
    ['a grid read from the other side', [2, 3, 3, 4], [1]],
    ['the last axis', [3, 5], [1]],
    ['axes apart', [2, 3, 4], [0, 2]],
    ['every axis', [2, 3, 2], [0, 1, 2]],
    ['no axis', [2, 3], []],
    ['negative axis', [4, 3], [-1]],
    ['1-D', [7], [0]],
  ])('%s', async (_, shape, axes) => {
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      const { cpu, wasm } = await onCpuAndWasm(() =>
        tf.tidy(() => tf.reverse(filled(shape, 2, dtype), axes)),
      );
      expect(wasm).toEqual(cpu);
    }
  });

  it('leaves no tensor behind', async () => {
    await tf.setBackend('wasm');
    const x = filled([3, 3, 2, 2], 1);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.reverse(x, [0, 1]);
    });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
