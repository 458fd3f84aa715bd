import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { maxAbsDiff, peakTensorBytes, useCpuBackend } from '../testing/tfTest';
import { candidateDots } from './candidateDots';
import { conv2dWasmSafe } from './conv2d';
import { gatherRows } from './gatherRows';
import { matMul } from './matMul';

useCpuBackend();

const randn = (shape: number[], seed: number) => {
  const rng = createRng(seed);
  return tf.tensor(Array.from({ length: shape.reduce((a, b) => a * b) }, rng.normal), shape);
};

/** Value and gradients (w.r.t. every input) of sum(f(inputs) ⊙ probe), to compare two implementations. */
async function valueAndGrads(f: (...xs: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[], probeSeed: number) {
  const out = tf.tidy(() => f(...inputs));
  const probe = randn(out.shape, probeSeed);
  const grads = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), probe)))(inputs);
  const result = { value: await out.data(), grads: await Promise.all(grads.map((g) => g.data())) };
  tf.dispose([out, probe, ...grads]);
  return result;
}

describe('conv2d with the WASM-safe filter gradient', () => {
  const cases: [string, number[], number[], number, 'same' | 'valid'][] = [
    ['3×3 stride 2 same, odd size', [2, 7, 7, 3], [3, 3, 3, 4], 2, 'same'],
    ['3×3 stride 2 same, even size', [2, 8, 8, 2], [3, 3, 2, 5], 2, 'same'],
    ['3×3 stride 1 same', [1, 5, 5, 2], [3, 3, 2, 3], 1, 'same'],
    ['4×4 stride 1 same (one more padding row below)', [1, 6, 6, 2], [4, 4, 2, 2], 1, 'same'],
    ['2×2 stride 1 valid', [2, 5, 4, 2], [2, 2, 2, 3], 1, 'valid'],
    ['3×3 stride 2 valid', [2, 9, 9, 1], [3, 3, 1, 2], 2, 'valid'],
    ['3×3 stride 2 valid, last column unused', [1, 8, 8, 2], [3, 3, 2, 2], 2, 'valid'],
    ['5×5 stride 3 same', [1, 10, 10, 2], [5, 5, 2, 3], 3, 'same'],
    ['1×1 stride 2 (ResNet projection)', [2, 4, 4, 3], [1, 1, 3, 3], 2, 'same'],
    [
      '3×3 stride 1 same, 4 channels (filter gradient as a convolution)',
      [2, 5, 5, 4],
      [3, 3, 4, 3],
      1,
      'same',
    ],
    ['3×3 stride 2 same, 8 channels (as a convolution)', [2, 6, 6, 8], [3, 3, 8, 4], 2, 'same'],
    ['3×3 stride 2 same, 2×2 to one pixel (taps on data only)', [3, 2, 2, 4], [3, 3, 4, 5], 2, 'same'],
    ['3×3 stride 2 same, 1×1 to one pixel (the centre tap)', [3, 1, 1, 4], [3, 3, 4, 5], 2, 'same'],
    ['3×3 stride 1 same, 1×1 to one pixel', [2, 1, 1, 3], [3, 3, 3, 2], 1, 'same'],
    ['2×2 stride 1 same, 1×1 to one pixel (padding after only)', [2, 1, 1, 3], [2, 2, 3, 2], 1, 'same'],
    ['3×3 valid on 3×3 to one pixel', [2, 3, 3, 2], [3, 3, 2, 3], 2, 'valid'],
    ['3×3 stride 2 valid on 4×4: one pixel, last row unused', [2, 4, 4, 2], [3, 3, 2, 3], 2, 'valid'],
  ];
  for (const [name, xShape, wShape, stride, padding] of cases) {
    it(`matches tf.conv2d values and both gradients: ${name}`, async () => {
      const x = randn(xShape, 1);
      const w = randn(wShape, 2);
      const ref = await valueAndGrads(
        (a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, padding),
        [x, w],
        3,
      );
      const ours = await valueAndGrads(
        (a, b) => conv2dWasmSafe(a as tf.Tensor4D, b as tf.Tensor4D, stride, padding),
        [x, w],
        3,
      );
      expect(maxAbsDiff(ours.value, ref.value)).toBeLessThan(1e-5);
      expect(maxAbsDiff(ours.grads[0], ref.grads[0])).toBeLessThan(1e-4);
      expect(maxAbsDiff(ours.grads[1], ref.grads[1])).toBeLessThan(1e-4);
      tf.dispose([x, w]);
    });
  }

  it('skips the input gradient of data inputs and keeps the filter gradient', async () => {
    const x = randn([2, 8, 8, 1], 4);
    const w = randn([3, 3, 1, 4], 5);
    const conv = (inputIsData: boolean) => (a: tf.Tensor, b: tf.Tensor) =>
      conv2dWasmSafe(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same', { inputIsData });
    const full = await valueAndGrads(conv(false), [x, w], 6);
    const data = await valueAndGrads(conv(true), [x, w], 6);
    expect(Array.from(data.grads[1])).toEqual(Array.from(full.grads[1]));
    expect(data.grads[0].every((v) => v === 0)).toBe(true);
    expect(full.grads[0].some((v) => v !== 0)).toBe(true);
    tf.dispose([x, w]);
  });

  it('frees the input and each gradient’s temporaries as soon as they are used', async () => {
    const x = randn([32, 8, 8, 16], 7);
    const w = randn([3, 3, 16, 16], 8);
    // Tensors alive already (x among them) are not the op's.
    const peak = await peakTensorBytes(x.size * 4, () => {
      const f = (a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(conv2dWasmSafe(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')) as tf.Scalar;
      tf.dispose(tf.grads(f)([x, w]));
    });
    // In units of the input's bytes, over what was alive before (tensors counted as tfjs counts them,
    // views included): 4.8 with the filter gradient first, the saved input then disposed and each stage of
    // the input gradient freed once used; 5.8 with the input gradient first; 13.3 with everything alive
    // until the gradient returned.
    expect(peak).toBeLessThan(5.3);
    tf.dispose([x, w]);
  });
});

describe('gatherRows', () => {
  it('matches tf.gather, and its gradient sums repeated indices', async () => {
    const x = randn([5, 3], 4);
    const idx = tf.tensor1d([4, 0, 4, 2, 4], 'int32');
    const ref = await valueAndGrads((a) => tf.gather(a, idx), [x], 5);
    const ours = await valueAndGrads((a) => gatherRows(a, idx), [x], 5);
    expect(maxAbsDiff(ours.value, ref.value)).toBe(0);
    expect(maxAbsDiff(ours.grads[0], ref.grads[0])).toBeLessThan(1e-6);
    tf.dispose([x, idx]);
  });
});

describe('candidateDots', () => {
  it('matches every prediction against every code, then picking; repeated candidates add their gradients', async () => {
    const preds = randn([3, 4], 9); // M = 3, D = 4
    const codes = randn([5, 4], 10); // P = 5
    const rows = [4, 0, 1, 2, 2, 2, 0, 3, 4]; // W = 3; code 2 three times for prediction 1
    const candidates = tf.tensor1d(rows, 'int32');
    const picked = tf.tensor1d(
      rows.map((row, i) => Math.floor(i / 3) * 5 + row),
      'int32',
    );
    const dense = (p: tf.Tensor, z: tf.Tensor) =>
      tf.reshape(tf.gather(tf.reshape(tf.matMul(p, z, false, true), [-1]), picked), [3, 3]);
    const ref = await valueAndGrads(dense, [preds, codes], 11);
    const ours = await valueAndGrads(
      (p, z) => candidateDots(p as tf.Tensor2D, z as tf.Tensor2D, candidates),
      [preds, codes],
      11,
    );
    expect(ours.value).toHaveLength(9);
    expect(maxAbsDiff(ours.value, ref.value)).toBeLessThan(1e-5);
    expect(maxAbsDiff(ours.grads[0], ref.grads[0])).toBeLessThan(1e-5);
    expect(maxAbsDiff(ours.grads[1], ref.grads[1])).toBeLessThan(1e-5);
    tf.dispose([preds, codes, candidates, picked]);
  });

  it('refuses candidates that do not split evenly into the predictions', () => {
    const preds = tf.zeros([3, 2]) as tf.Tensor2D;
    const codes = tf.zeros([4, 2]) as tf.Tensor2D;
    const candidates = tf.tensor1d([0, 1, 2, 3], 'int32');
    expect(() => candidateDots(preds, codes, candidates)).toThrow(
      '4 candidates do not split into 3 predictions',
    );
    tf.dispose([preds, codes, candidates]);
  });
});

describe('matMul with explicit-transpose gradients', () => {
  it('matches tf.matMul in 2-D and batched 3-D', async () => {
    for (const [a, b] of [
      [
        [4, 3],
        [3, 5],
      ],
      [
        [2, 4, 3],
        [2, 3, 5],
      ],
    ]) {
      const x = randn(a, 6);
      const y = randn(b, 7);
      const ref = await valueAndGrads((p, q) => tf.matMul(p, q), [x, y], 8);
      const ours = await valueAndGrads((p, q) => matMul(p, q), [x, y], 8);
      expect(maxAbsDiff(ours.value, ref.value)).toBeLessThan(1e-5);
      expect(maxAbsDiff(ours.grads[0], ref.grads[0])).toBeLessThan(1e-5);
      expect(maxAbsDiff(ours.grads[1], ref.grads[1])).toBeLessThan(1e-5);
      tf.dispose([x, y]);
    }
  });
});
