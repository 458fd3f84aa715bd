import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filled, onCpuAndWasm } from '../testing/cpuWasm';
import { installWasmLayout } from './wasmLayout';

describe('concat, pack, one-value tile and leading-axis sums on wasm', () => {
  beforeAll(() => installWasmLayout());
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    [
      'short rows, axis 3 (the conv gradient’s interleave)',
      [
        [3, 2, 2, 5],
        [3, 2, 2, 4],
      ],
      3,
      'float32',
    ],
    [
      'long rows, axis 1',
      [
        [2, 300],
        [2, 20],
        [2, 1],
      ],
      1,
      'float32',
    ],
    ['axis 0 (flat buffers)', [[7], [0], [5]], 0, 'float32'],
    [
      'int32, last axis',
      [
        [4, 3],
        [4, 2],
      ],
      1,
      'int32',
    ],
    [
      'bool, middle axis',
      [
        [2, 3, 2],
        [2, 1, 2],
      ],
      1,
      'bool',
    ],
  ] as const)('concat: %s', async (_, shapes, axis, dtype) => {
    const { cpu, wasm } = await onCpuAndWasm(() =>
      tf.tidy(() =>
        tf.concat(
          shapes.map((s, i) => filled([...s], i, dtype)),
          axis,
        ),
      ),
    );
    expect(wasm).toEqual(cpu);
  });

  it.each([
    ['axis 3 of four', 3],
    ['axis 0', 0],
    ['last axis, counted from the end', -1],
  ])('pack: %s', async (_, axis) => {
    const { cpu, wasm } = await onCpuAndWasm(() =>
      tf.tidy(() =>
        tf.stack(
          [0, 1, 2].map((i) => filled([2, 3, 4], i)),
          axis,
        ),
      ),
    );
    expect(wasm).toEqual(cpu);
  });

  it('tile: one value over many, and a real tile left to tfjs', async () => {
    for (const dtype of ['float32', 'bool'] as const) {
      const { cpu, wasm } = await onCpuAndWasm(() =>
        tf.tidy(() => tf.tile(tf.reshape(filled([1], 3, dtype), [1, 1]), [4, 5])),
      );
      expect(wasm).toEqual(cpu);
      expect(wasm.shape).toEqual([4, 5]);
    }
    const { cpu, wasm } = await onCpuAndWasm(() => tf.tidy(() => tf.tile(filled([2, 3], 4), [2, 1])));
    expect(wasm).toEqual(cpu);
  });

  it.each([
    ['leading axes of feature maps', [6, 4, 4, 3], [0, 1, 2], false],
    ['leading axis, kept', [5, 7], [0], true],
    ['axes given out of order', [3, 4, 5], [1, 0], false],
    ['inner axes (left to tfjs)', [3, 4, 5], [2], false],
    ['all axes (left to tfjs)', [3, 4], [0, 1], false],
  ] as const)('sum and mean: %s', async (_, shape, axes, keepDims) => {
    for (const reduce of [tf.sum, tf.mean]) {
      const { cpu, wasm } = await onCpuAndWasm(() =>
        tf.tidy(() => reduce(filled([...shape], 5), [...axes], keepDims)),
      );
      expect(wasm.shape).toEqual(cpu.shape);
      wasm.values.forEach((v, i) => expect(v).toBeCloseTo(cpu.values[i], 4));
    }
  });

  it('leaves no tensor behind', async () => {
    await tf.setBackend('wasm');
    const x = filled([4, 3, 2], 6);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.concat([x, x], 2);
      tf.stack([x, x], 1);
      tf.tile(tf.tensor1d([1]), [3]);
      tf.sum(x, [0, 1]);
      tf.mean(x, [0, 1], true);
    });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
