import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

/**
 * Works around a tfjs-webgpu 4.22 bug: its AddN kernel binds every input in one shader. Past WebGPU's
 * per-stage limit of storage buffers (8 by default; tfjs does not ask for more) the pipeline is
 * invalid and Chromium drops the whole command buffer, so the core's gradient norm (one addN input per
 * weight) read 0 and step 1 was rejected as non-finite. The replacement sums in groups that fit.
 * Call once, after importing the webgpu backend (which registers the original kernel).
 */
export function installChunkedAddN(): void {
  const original = tf.getKernel(tf.AddN, 'webgpu');
  if (!original) return;
  tf.unregisterKernel(tf.AddN, 'webgpu');
  tf.registerKernel({ ...original, kernelFunc: chunkedAddN(original.kernelFunc) });
}

function chunkedAddN(addN: tf.KernelFunc): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const sum = (group: tf.TensorInfo[]) =>
      addN({ inputs: group as unknown as tf.NamedTensorInfoMap, backend, attrs }) as tf.TensorInfo;
    const gpu = backend as WebGPUBackend;
    const perShader = gpu.device.limits.maxStorageBuffersPerShaderStage - 1; // one buffer is the output
    let terms = Object.values(inputs) as tf.TensorInfo[]; // addN passes its tensors as an array
    const partials: tf.TensorInfo[] = [];
    while (terms.length > perShader) {
      const next: tf.TensorInfo[] = [];
      for (let i = 0; i < terms.length; i += perShader) {
        const group = terms.slice(i, i + perShader);
        const partial = group.length === 1 ? group[0] : sum(group);
        if (group.length > 1) partials.push(partial);
        next.push(partial);
      }
      terms = next;
    }
    const result = sum(terms);
    for (const partial of partials) gpu.disposeData(partial.dataId);
    return result;
  };
}
