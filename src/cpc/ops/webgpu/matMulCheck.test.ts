import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { standInKernel } from '../../testing/standInKernel';
import { useCpuBackend } from '../../testing/tfTest';
import { CHECK_TOLERANCE } from './deviceCheck';
import { checkMatMul } from './matMulCheck';

useCpuBackend();

const ours = standInKernel(tf.BatchMatMul);
afterAll(ours.restore);

describe('checkMatMul: the self-check the worker runs on each WebGPU device', () => {
  it('passes a correct kernel, and leaves ours on afterwards', async () => {
    ours.setFault(null);
    const check = await checkMatMul(ours.use);
    expect(check.ok).toBe(true);
    expect(check.maxError).toBe(0);
    expect(ours.isOn()).toBe(true);
  });

  it('fails a product 1 % off, and one that drops its last row', async () => {
    const scaled = (v: Float32Array) => v.forEach((x, i) => (v[i] = x * 1.01));
    const lastRowLost = (v: Float32Array, shape: number[]) => v.fill(0, v.length - shape[shape.length - 1]);
    for (const broken of [scaled, lastRowLost]) {
      ours.setFault(broken);
      const check = await checkMatMul(ours.use);
      expect(check.ok).toBe(false);
      expect(check.maxError).toBeGreaterThan(CHECK_TOLERANCE);
    }
    ours.setFault(null);
  });

  it('leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    await checkMatMul(ours.use);
    expect(tf.memory().numTensors).toBe(before);
  });
});
