import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filled, onCpuAndWasm } from '../testing/cpuWasm';
import { installWasmLayout } from './wasmLayout';

describe('concat, pack, one-value tile and sums over neighbouring axes on wasm', () => {
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

  it('tile: one value over many, and blocks along any axes', async () => {
    for (const dtype of ['float32', 'bool'] as const) {
      const { cpu, wasm } = await onCpuAndWasm(() =>
        tf.tidy(() => tf.tile(tf.reshape(filled([1], 3, dtype), [1, 1]), [4, 5])),
      );
      expect(wasm).toEqual(cpu);
      expect(wasm.shape).toEqual([4, 5]);
    }
    for (const [shape, reps] of [
      [
        [2, 3],
        [2, 1],
      ],
      [
        [1, 1, 5],
        [1, 7, 1],
      ], // the GRU's bias over every sequence
      [
        [2, 3, 2],
        [3, 2, 2],
      ],
      [
        [3, 1, 4],
        [1, 5, 1],
      ],
      [
        [2, 3],
        [1, 1],
      ],
      [
        [0, 3],
        [2, 2],
      ],
    ]) {
      for (const dtype of ['float32', 'int32', 'bool'] as const) {
        const { cpu, wasm } = await onCpuAndWasm(() => tf.tidy(() => tf.tile(filled(shape, 4, dtype), reps)));
        expect(wasm).toEqual(cpu);
      }
    }
  });

  it.each([
    ['leading axes of feature maps', [6, 4, 4, 3], [0, 1, 2], false],
    ['leading axis, kept', [5, 7], [0], true],
    ['axes given out of order', [3, 4, 5], [1, 0], false],
    ['middle axis (the candidates’ scores)', [3, 6, 5], [1], false],
    ['middle axes, kept', [2, 3, 4, 8], [1, 2], true],
    ['last axes, rows in fours and ragged columns (layer norm’s statistics)', [9, 2, 3, 3], [1, 2, 3], true],
    ['last axis', [5, 8], [1], false],
    ['all axes', [3, 4], [0, 1], false],
    ['axes apart (left to tfjs)', [3, 4, 5], [0, 2], false],
  ] as const)('sum and mean: %s', async (_, shape, axes, keepDims) => {
    for (const reduce of [tf.sum, tf.mean]) {
      const { cpu, wasm } = await onCpuAndWasm(() =>
        tf.tidy(() => reduce(filled([...shape], 5), [...axes], keepDims)),
      );
      expect(wasm.shape).toEqual(cpu.shape);
      wasm.values.forEach((v, i) => expect(v).toBeCloseTo(cpu.values[i], 4));
    }
  });

  it('adds in the order tfjs’ own kernel does, so the float32 sums are equal to the bit', async () => {
    await tf.setBackend('wasm');
    // Values whose float32 sum depends on the order: large and small magnitudes mixed.
    const [rows, cols] = [7, 37];
    const values = Float32Array.from(
      { length: rows * cols },
      (_, i) => Math.sin(i * 1.7) * 10 ** ((i % 7) - 3),
    );
    const inOrder = (from: (i: number) => number, count: number) => {
      let sum = 0;
      for (let i = 0; i < count; i++) sum = Math.fround(sum + from(i));
      return sum;
    };
    const reversed = (r: number) => inOrder((c) => values[r * cols + cols - 1 - c], cols);
    const orderMatters = Array.from({ length: rows }, (_, r) => r).some(
      (r) => reversed(r) !== inOrder((c) => values[r * cols + c], cols),
    );
    expect(orderMatters).toBe(true);
    const x = tf.tensor2d(values, [rows, cols]);
    const overCols = await tf.sum(x, 1).data();
    const overRows = await tf.sum(x, 0).data();
    for (let r = 0; r < rows; r++) expect(overCols[r]).toBe(inOrder((c) => values[r * cols + c], cols));
    for (let c = 0; c < cols; c++) expect(overRows[c]).toBe(inOrder((r) => values[r * cols + c], rows));
    x.dispose();
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
