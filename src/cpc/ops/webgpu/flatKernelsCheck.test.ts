import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { standInKernel, type Fault } from '../../testing/standInKernel';
import { useCpuBackend } from '../../testing/tfTest';
import { CHECK_TOLERANCE } from './deviceCheck';
import { checkFlatKernels } from './flatKernelsCheck';

useCpuBackend();

const kernels = [tf.Add, tf.Sub, tf.Multiply, tf.RealDiv, tf.Transpose, tf.Sum, tf.Max, tf.Mean].map(
  (name) => [name, standInKernel(name)] as const,
);
const use = (on: boolean) => kernels.forEach(([, k]) => k.use(on));
afterAll(() => kernels.forEach(([, k]) => k.restore()));

const scaled: Fault = (v) => v.forEach((x, i) => (v[i] = x * 1.01));
const swapped: Fault = (v) => {
  if (v.length > 1) [v[0], v[1]] = [v[1], v[0]];
};
const lastZero: Fault = (v) => {
  v[v.length - 1] = 0;
};

describe('checkFlatKernels: the self-check the worker runs on each WebGPU device', () => {
  it('passes correct kernels, and leaves them on afterwards', async () => {
    const check = await checkFlatKernels(use);
    expect(check).toEqual({ ok: true, maxError: 0 });
    expect(kernels.every(([, k]) => k.isOn())).toBe(true);
  });

  for (const [name, fault, why] of [
    [tf.Add, scaled, 'a bias add 1 % off'],
    [tf.Sub, lastZero, 'a subtraction whose last value is lost'],
    [tf.Multiply, scaled, 'a product 1 % off'],
    [tf.RealDiv, swapped, 'a division with two values swapped'],
    [tf.Mean, scaled, 'a mean 1 % off'],
    [tf.Transpose, swapped, 'a transpose with two values swapped'],
    [tf.Sum, scaled, 'a sum 1 % off'],
    [tf.Max, lastZero, 'a max whose last value is lost'],
  ] as const) {
    it(`fails ${why}`, async () => {
      const kernel = kernels.find(([n]) => n === name)![1];
      kernel.setFault(fault);
      const check = await checkFlatKernels(use);
      kernel.setFault(null);
      expect(check.ok).toBe(false);
      expect(check.maxError).toBeGreaterThan(CHECK_TOLERANCE);
    });
  }

  it('leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    await checkFlatKernels(use);
    expect(tf.memory().numTensors).toBe(before);
  });
});
