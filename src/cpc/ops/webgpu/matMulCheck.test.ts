import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../testing/tfTest';
import { CHECK_TOLERANCE } from './deviceCheck';
import { checkMatMul } from './matMulCheck';

useCpuBackend();

// A stand-in for our kernel on the cpu backend: tfjs' product, or (while `fault` is set) a wrong one.
const original = tf.getKernel(tf.BatchMatMul, 'cpu')!;
let fault: ((y: tf.TensorInfo, backend: tf.KernelBackend) => tf.TensorInfo) | null = null;
let oursOn = false;
tf.unregisterKernel(tf.BatchMatMul, 'cpu');
tf.registerKernel({
  ...original,
  kernelFunc: (args) => {
    const y = original.kernelFunc(args) as tf.TensorInfo;
    return oursOn && fault ? fault(y, args.backend as tf.KernelBackend) : y;
  },
});
afterAll(() => {
  tf.unregisterKernel(tf.BatchMatMul, 'cpu');
  tf.registerKernel(original);
});

/** y with its values replaced by `change` of them (the cpu backend keeps them in a typed array). */
function rewritten(change: (v: Float32Array) => void) {
  return (y: tf.TensorInfo, backend: tf.KernelBackend) => {
    const values = Float32Array.from(backend.readSync(y.dataId) as Float32Array);
    change(values);
    backend.disposeData(y.dataId);
    return tf.engine().makeTensorFromDataId(backend.write(values, y.shape, 'float32'), y.shape, 'float32');
  };
}

describe('checkMatMul: the self-check the worker runs on each WebGPU device', () => {
  const use = (on: boolean) => {
    oursOn = on;
  };

  it('passes a correct kernel, and leaves ours on afterwards', async () => {
    fault = null;
    const check = await checkMatMul(use);
    expect(check.ok).toBe(true);
    expect(check.maxError).toBe(0);
    expect(oursOn).toBe(true);
  });

  it('fails a product 1 % off, and one that drops its last row', async () => {
    const scaled = rewritten((v) => v.forEach((x, i) => (v[i] = x * 1.01)));
    const lastRowLost = (y: tf.TensorInfo, backend: tf.KernelBackend) => {
      const n = y.shape[y.shape.length - 1];
      return rewritten((v) => v.fill(0, v.length - n))(y, backend);
    };
    for (const broken of [scaled, lastRowLost]) {
      fault = broken;
      const check = await checkMatMul(use);
      expect(check.ok).toBe(false);
      expect(check.maxError).toBeGreaterThan(CHECK_TOLERANCE);
    }
    fault = null;
  });

  it('leaks no tensor', async () => {
    fault = null;
    const before = tf.memory().numTensors;
    await checkMatMul(use);
    expect(tf.memory().numTensors).toBe(before);
  });
});
