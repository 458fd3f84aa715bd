import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countKernels, profileKernels, SLOWEST_KERNELS } from './kernelProfile';

/** Kernel calls as tf.profile lists them, with no times. */
const untimed = (names: string[]) => names.map((name) => ({ name, outputShapes: [], kernelTimeMs: 0 }));

describe('countKernels', () => {
  it('counts every call, the views among them, and each name, most frequent first', () => {
    const count = countKernels(untimed(['Add', 'Identity', 'Reshape', 'Add', 'Identity', 'Mul', 'Add']));
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
    expect(countKernels([])).toEqual({ total: 0, views: 0, byName: {}, slowest: [] });
  });
});

describe('countKernels with times', () => {
  it('sums the time of each name and output shape, slowest first, and leaves out untimed calls', () => {
    const k = (name: string, shape: number[], ms: unknown) => ({
      name,
      outputShapes: [shape],
      kernelTimeMs: ms,
    });
    const count = countKernels([
      k('Add', [2, 3], 1.5),
      k('Conv2D', [4, 2, 2, 8], 9),
      k('Add', [2, 3], 2),
      k('Add', [6], 4),
      k('Mul', [2], 0), // not timed (webgpu without timestamp queries)
      k('Sub', [2], { error: 'no timer' }),
    ]);
    expect(count.total).toBe(6);
    expect(count.slowest).toEqual([
      { kernel: 'Conv2D → 4×2×2×8', calls: 1, ms: 9 },
      { kernel: 'Add → 6', calls: 1, ms: 4 },
      { kernel: 'Add → 2×3', calls: 2, ms: 3.5 },
    ]);
  });

  it('times only kernels, counting the custom ops’ forward entries as before', () => {
    const k = (name: string, ms: number) => ({ name, outputShapes: [[2]], kernelTimeMs: ms });
    const count = countKernels([k('forward', 9), k('Add', 4), k('Mul', 5)], (name) => name !== 'forward');
    expect(count.total).toBe(3);
    expect(count.slowest.map((t) => t.kernel)).toEqual(['Mul → 2', 'Add → 2']);
  });

  it('lists at most SLOWEST_KERNELS', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      name: `K${i}`,
      outputShapes: [[1]],
      kernelTimeMs: i + 1,
    }));
    const slowest = countKernels(many).slowest;
    expect(slowest).toHaveLength(SLOWEST_KERNELS);
    expect(slowest[0]).toEqual({ kernel: 'K11 → 1', calls: 1, ms: 12 });
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
    // cpu times each kernel by the wall clock.
    expect(kernels.slowest.map((k) => k.kernel)).toContain('Multiply → 3×1');
  });
});
