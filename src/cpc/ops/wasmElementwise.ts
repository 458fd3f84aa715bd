import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { addresses, registerOwnWasmKernel } from './ownWasmKernel';
import { replaceWasmKernel } from './replaceWasmKernel';
import { simdKernels } from './simd/simdKernels';

/** dy ⊙ step(y, slope) as one kernel on WASM (reluGrad.ts): no step tensor beside dy and y. */
export const RELU_GRAD = 'CpcReluGrad';

/**
 * Two tfjs-wasm 4.22 kernels that run one value at a time, as SIMD (simd/elementwise.wat), same values:
 * - LeakyRelu: 2.4 ms for Keras CPC's [1152, 4, 4, 64], where batch norm leaves the activation unfused;
 *   the same float32 product alpha·x, four at a time. Float32 input only.
 * - Select of same-shaped tensors (AdamW keeps or replaces every weight and both moments): 1.3 ms for
 *   Keras CPC's 557k weights, three a step. Four-byte values (float32, int32) only.
 * And RELU_GRAD, a kernel of our own. Call once, after importing the wasm backend.
 */
export function installWasmElementwise(): void {
  replaceWasmKernel(tf.LeakyRelu, (original) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { alpha } = args.attrs as unknown as { alpha: number };
    const backend = args.backend as BackendWasm;
    const simd = x.dtype === 'float32' ? simdKernels(backend) : null;
    if (!simd) return original(args);
    const out = backend.makeOutput(x.shape, 'float32');
    const size = tf.util.sizeFromShape(x.shape);
    if (size > 0)
      simd.leakyRelu(backend.getMemoryOffset(x.dataId), size, alpha, backend.getMemoryOffset(out.dataId));
    return out;
  });
  replaceWasmKernel(tf.Select, (original) => (args) => {
    const { condition, t, e } = args.inputs as {
      condition: tf.TensorInfo;
      t: tf.TensorInfo;
      e: tf.TensorInfo;
    };
    const backend = args.backend as BackendWasm;
    const size = tf.util.sizeFromShape(t.shape);
    const plain =
      condition.dtype === 'bool' &&
      (t.dtype === 'float32' || t.dtype === 'int32') &&
      tf.util.sizeFromShape(condition.shape) === size &&
      tf.util.sizeFromShape(e.shape) === size;
    const simd = plain ? simdKernels(backend) : null;
    if (!simd) return original(args);
    const out = backend.makeOutput(t.shape, t.dtype);
    if (size > 0) {
      const at = (x: tf.TensorInfo) => backend.getMemoryOffset(x.dataId);
      simd.select(at(condition), at(t), at(e), size, at(out));
    }
    return out;
  });
  registerOwnWasmKernel(RELU_GRAD, (simd, backend, { dy, y }, { slope }) => {
    const out = backend.makeOutput(dy.shape, 'float32');
    const size = tf.util.sizeFromShape(dy.shape);
    const [g, a, o] = addresses(backend, dy, y, out);
    if (size > 0) simd.reluGrad(g, a, size, slope, o);
    return out;
  });
}
