import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { replaceWasmKernel } from './replaceWasmKernel';

/**
 * Identity as a view, as the cpu and webgpu backends have it: the output shares the input's data (one
 * more reference), where tfjs-wasm 4.22 copies it. The gradient tape saves every tensor a backward pass
 * reads through an Identity (engine.clone), so on WASM each saved activation was a second copy, made
 * and paid for in time and heap. No kernel writes into an input, so sharing is safe, as it is for
 * Reshape. Call once, after importing the wasm backend.
 */
export function installWasmIdentity(): void {
  replaceWasmKernel(tf.Identity, (original) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype === 'string') return original(args);
    (args.backend as BackendWasm).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  });
}
