import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countKernels, profileKernels } from './kernelProfile';

describe('countKernels', () => {
  it('counts every call, the views among them, and each name, most frequent first', () => {
    const count = countKernels(['Add', 'Identity', 'Reshape', 'Add', 'Identity', 'Mul', 'Add']);
    expect(count.total).toBe(7);
    expect(count.views).toBe(3);
    expect(Object.entries(count.byName)).toEqual([
      ['Add', 3],
      ['Identity', 2],
      ['Mul', 1],
      ['Reshape', 1],
    ]);
  });

  it('is all zero for no kernels', () => {
    expect(countKernels([])).toEqual({ total: 0, views: 0, byName: {} });
  });
});

describe('profileKernels', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('counts the kernels an async piece of work launched and returns its result', async () => {
    const x = tf.tensor1d([1, 2, 3]);
    const { result, kernels } = await profileKernels(async () => {
      const y = tf.tidy(() => x.add(1).reshape([3, 1]).mul(2)); // [3, 1]
      const values = await y.data();
      y.dispose();
      return Array.from(values);
    });
    x.dispose();
    expect(result).toEqual([4, 6, 8]);
    expect(kernels.byName).toMatchObject({ Add: 1, Reshape: 1, Multiply: 1 });
    expect(kernels.views).toBe(1);
  });
});
