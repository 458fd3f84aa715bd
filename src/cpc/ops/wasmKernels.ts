import { installWasmBatchMatMul } from './wasmBatchMatMul';
import { installWasmCandidateDots } from './wasmCandidateDots';
import { installWasmGather } from './wasmGather';
import { installWasmIdentity } from './wasmIdentity';
import { installWasmElementwise } from './wasmElementwise';
import { installWasmLayout } from './wasmLayout';
import { installWasmReverse } from './wasmReverse';
import { installWasmSlice } from './wasmSlice';
import { installWasmTranspose } from './wasmTranspose';

/**
 * Faster replacements for tfjs-wasm 4.22 kernels (same values, to the bit): batched matrix products
 * through XNNPACK one matrix at a time; slices and strided slices that copy only what they keep;
 * concatenation, tiles and reverses as block copies; gathers that copy whole rows; Identity as a view
 * instead of a copy; and, as hand-written SIMD on tfjs' own heap (simd/*.wat), transposes, sums over
 * neighbouring axes, LeakyRelu, Select and the candidates' scores with their gradients. The app's
 * worker, the Node runner and the tests on WASM install them, so all three train the same way. Call
 * once, after importing the wasm backend; calling again does nothing.
 */
export function installWasmKernels(): void {
  installWasmBatchMatMul();
  installWasmSlice();
  installWasmLayout();
  installWasmGather();
  installWasmIdentity();
  installWasmTranspose();
  installWasmCandidateDots();
  installWasmElementwise();
  installWasmReverse();
}
