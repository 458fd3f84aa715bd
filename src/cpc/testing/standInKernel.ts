import * as tf from '@tensorflow/tfjs';

/** Rewrites a kernel's output: the values of a kernel of ours, broken on purpose. */
export type Fault = (values: Float32Array, shape: number[]) => void;

/**
 * Stands in for one of our WebGPU kernels in Node: re-registers tfjs' `kernelName` on the cpu backend so
 * that, while `use(true)` and a fault is set, its output is rewritten by the fault; a device check can
 * then be shown to pass a correct kernel and fail a broken one. `restore` puts tfjs' kernel back.
 */
export function standInKernel(kernelName: string): {
  use: (on: boolean) => void;
  isOn: () => boolean;
  setFault: (fault: Fault | null) => void;
  restore: () => void;
} {
  const original = tf.getKernel(kernelName, 'cpu');
  if (!original) throw new Error(`no cpu kernel ${kernelName}`);
  let fault: Fault | null = null;
  let on = false;
  tf.unregisterKernel(kernelName, 'cpu');
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const y = original.kernelFunc(args) as tf.TensorInfo;
      if (!on || !fault || y.dtype !== 'float32') return y;
      const backend = args.backend as tf.KernelBackend;
      const values = Float32Array.from(backend.readSync(y.dataId) as Float32Array);
      fault(values, y.shape);
      backend.disposeData(y.dataId);
      return { dataId: backend.write(values, y.shape, 'float32'), shape: y.shape, dtype: 'float32' };
    },
  });
  return {
    use: (value) => {
      on = value;
    },
    isOn: () => on,
    setFault: (f) => {
      fault = f;
    },
    restore: () => {
      tf.unregisterKernel(kernelName, 'cpu');
      tf.registerKernel(original);
    },
  };
}
