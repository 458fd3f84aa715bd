import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels, type SimdKernels } from './simd/simdKernels';

/** A kernel of our own on WASM, computed by the SIMD kernels on the backend's heap. */
export type OwnWasmKernel = (
  simd: SimdKernels,
  backend: BackendWasm,
  inputs: Record<string, tf.TensorInfo>,
  attrs: Record<string, number>,
) => tf.TensorInfo;

/** Registers `kernelName` on wasm (once). Run it through tf.engine().runKernel where ownWasmKernelReady. */
export function registerOwnWasmKernel(kernelName: string, kernel: OwnWasmKernel): void {
  if (tf.getKernel(kernelName, 'wasm')) return;
  tf.registerKernel({
    kernelName,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as BackendWasm;
      const simd = simdKernels(wasm);
      if (!simd) throw new Error(`${kernelName} needs WebAssembly SIMD (check ownWasmKernelReady first)`);
      return kernel(
        simd,
        wasm,
        inputs as Record<string, tf.TensorInfo>,
        (attrs ?? {}) as Record<string, number>,
      );
    },
  });
}

/** Whether the active backend runs `kernelName`: wasm, with it registered and SIMD available. */
export function ownWasmKernelReady(kernelName: string): boolean {
  return (
    tf.getBackend() === 'wasm' &&
    tf.getKernel(kernelName, 'wasm') !== undefined &&
    simdKernels(tf.backend() as BackendWasm) !== null
  );
}

/** Where each tensor's data lies on the heap. */
export function addresses(backend: BackendWasm, ...tensors: tf.TensorInfo[]): number[] {
  return tensors.map((t) => backend.getMemoryOffset(t.dataId));
}
