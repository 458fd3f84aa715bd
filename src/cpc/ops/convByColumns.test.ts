import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { referenceColumns } from '../testing/referenceColumns';
import { maxAbsDiff, useCpuBackend } from '../testing/tfTest';
import { columnForm, convByColumns } from './convByColumns';
import { convGeometry, type Padding } from './convGeometry';
import { checkColumnConv } from './webgpu/columnsCheck';
import { CHECK_TOLERANCE } from './webgpu/deviceCheck';
import { columnsShape } from './webgpu/columnsGeometry';
import type { ColumnOps } from './webgpu/columnsKernels';

useCpuBackend();

const seeded = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);

describe('im2col (the reference the WGSL kernel follows)', () => {
  it('lays out one row per output pixel, (ky, kx, ci) along it, zeros in the padding', async () => {
    // x [1, 3, 3, 1] = 1…9, 2×2 taps, stride 1 'same': one padding row below and column right.
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const g = convGeometry(x.shape, [2, 2, 1, 1], 1, 'same');
    expect(g).toMatchObject({ ho: 3, wo: 3, top: 0, left: 0 });
    const cols = referenceColumns.im2col(x, g);
    expect(cols.shape).toEqual(columnsShape(g));
    expect(cols.shape).toEqual([9, 4]);
    const rows = (await cols.array()) as number[][];
    expect(rows[0]).toEqual([1, 2, 4, 5]); // output (0, 0): taps (0,0) (0,1) (1,0) (1,1)
    expect(rows[2]).toEqual([3, 0, 6, 0]); // output (0, 2): the right column is padding
    expect(rows[8]).toEqual([9, 0, 0, 0]);
    tf.dispose([x, cols]);
  });

  it('col2im sums each pixel over the entries that read it', async () => {
    const g = convGeometry([1, 3, 3, 1], [2, 2, 1, 1], 1, 'same');
    const ones = tf.ones(columnsShape(g)) as tf.Tensor2D;
    const back = referenceColumns.col2im(ones, g);
    // A pixel is read by as many output pixels as have it under a tap: 1 at the top left, 4 inside.
    expect(Array.from(await back.data())).toEqual([1, 2, 2, 2, 4, 4, 2, 4, 4]);
    tf.dispose([ones, back]);
  });
});

describe('convByColumns equals tf.conv2d, forward and both gradients', () => {
  const cases: [string, number[], number[], number, Padding][] = [
    ['3×3 stride 2 same, 8 → 4 px, gray (every preset’s first layer)', [3, 8, 8, 1], [3, 3, 1, 4], 2, 'same'],
    ['3×3 stride 2 same, 4 → 2 px', [2, 4, 4, 5], [3, 3, 5, 3], 2, 'same'],
    ['3×3 stride 2 same, 2 → 1 px', [2, 2, 2, 3], [3, 3, 3, 2], 2, 'same'],
    ['3×3 stride 2 same, odd and uneven (6×5)', [2, 6, 5, 3], [3, 3, 3, 4], 2, 'same'],
    ['3×3 stride 1 same (ResNet, 4×4)', [2, 4, 4, 3], [3, 3, 3, 3], 1, 'same'],
    ['1×1 stride 2 (ResNet projection)', [2, 4, 4, 3], [1, 1, 3, 2], 2, 'same'],
    ['3×3 stride 2 valid, last row unused', [1, 6, 6, 2], [3, 3, 2, 2], 2, 'valid'],
  ];
  for (const [name, xShape, wShape, stride, padding] of cases) {
    it(name, async () => {
      const x = seeded(xShape, 1) as tf.Tensor4D;
      const w = seeded(wShape, 2) as tf.Tensor4D;
      // Value and gradients w.r.t. x and w of ⟨conv(x, w), dy⟩.
      const run = (conv: (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor4D) => {
        const y = tf.tidy(() => conv(x, w)); // [N, Ho, Wo, Cout]
        const dy = seeded(y.shape, 3);
        const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(conv(a as tf.Tensor4D, b as tf.Tensor4D), dy)),
        )([x, w]);
        dy.dispose();
        return [y, ...grads];
      };
      const before = tf.memory().numTensors;
      const ours = run((a, b) => convByColumns(a, b, stride, padding, referenceColumns));
      const theirs = run((a, b) => tf.conv2d(a, b, stride, padding));
      for (const [i, t] of ours.entries()) {
        expect(t.shape).toEqual(theirs[i].shape);
        expect(maxAbsDiff(await t.data(), await theirs[i].data())).toBeLessThan(1e-4);
      }
      tf.dispose([...ours, ...theirs]);
      expect(tf.memory().numTensors).toBe(before); // nothing leaked, forward or back
      tf.dispose([x, w]);
    });
  }

  it('inputIsData: the filter gradient as tf.conv2d’s, and none computed for x', async () => {
    const x = seeded([2, 8, 8, 1], 4) as tf.Tensor4D;
    const w = seeded([3, 3, 1, 2], 5) as tf.Tensor4D;
    let col2imCalls = 0;
    const counting: ColumnOps = {
      ...referenceColumns,
      col2im: (cols, g) => (col2imCalls++, referenceColumns.col2im(cols, g)),
    };
    const dw = tf.grad((b: tf.Tensor) =>
      tf.sum(convByColumns(x, b as tf.Tensor4D, 2, 'same', counting, { inputIsData: true })),
    )(w);
    const dwRef = tf.grad((b: tf.Tensor) => tf.sum(tf.conv2d(x, b as tf.Tensor4D, 2, 'same')))(w);
    expect(maxAbsDiff(await dw.data(), await dwRef.data())).toBeLessThan(1e-4);
    expect(col2imCalls).toBe(0);
    tf.dispose([x, w, dw, dwRef]);
  });
});

describe('columnForm: the column form where tfjs-webgpu tiles an image’s output pixels alone', () => {
  it('for outputs of up to 8×8 pixels an image, not past that', () => {
    expect(columnForm([576, 8, 8, 1], [3, 3, 1, 64], 2, 'same')).toBe(true); // 4×4
    expect(columnForm([576, 4, 4, 64], [3, 3, 64, 64], 2, 'same')).toBe(true); // 2×2
    expect(columnForm([576, 2, 2, 64], [3, 3, 64, 64], 2, 'same')).toBe(true); // 1×1
    expect(columnForm([576, 8, 8, 32], [3, 3, 32, 32], 1, 'same')).toBe(true); // 8×8 = 64
    expect(columnForm([16, 9, 8, 3], [3, 3, 3, 8], 1, 'same')).toBe(false); // 9×8 = 72
    expect(columnForm([16, 16, 16, 3], [3, 3, 3, 8], 1, 'same')).toBe(false); // 16×16
  });
});

describe('checkColumnConv: the self-check the worker runs on each WebGPU device', () => {
  it('passes correct kernels', async () => {
    const check = await checkColumnConv(referenceColumns);
    expect(check.ok).toBe(true);
    expect(check.maxError).toBeLessThan(CHECK_TOLERANCE);
  });

  it('fails col2im off by 1 %, and im2col that drops the padding offset', async () => {
    const scaledBack: ColumnOps = {
      ...referenceColumns,
      col2im: (cols, g) => tf.tidy(() => tf.mul(referenceColumns.col2im(cols, g), 1.01) as tf.Tensor4D),
    };
    const unpadded: ColumnOps = {
      ...referenceColumns,
      im2col: (x, g) => referenceColumns.im2col(x, { ...g, top: 0, left: 0 }),
    };
    for (const broken of [scaledBack, unpadded]) {
      const check = await checkColumnConv(broken);
      expect(check.ok).toBe(false);
      expect(check.maxError).toBeGreaterThan(CHECK_TOLERANCE);
    }
  });
});
