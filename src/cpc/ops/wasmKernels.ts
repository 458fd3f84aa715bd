import { installWasmBatchMatMul } from './wasmBatchMatMul';
import { installWasmCandidateDots } from './wasmCandidateDots';
import { installWasmGather } from './wasmGather';
import { installWasmIdentity } from './wasmIdentity';
import { installWasmLayout } from './wasmLayout';
import { installWasmSlice } from './wasmSlice';
import { installWasmTranspose } from './wasmTranspose';

/**
 * Faster replacements for tfjs-wasm 4.22 kernels (same values): batched matrix products through
 * XNNPACK one matrix at a time, slices and strided slices that copy only what they keep, concatenation,
 * one-value tiles and leading-axis sums and means without a view object per row or a transpose,
 * transposes, sums over neighbouring axes and the candidates' scores as hand-written SIMD (simd/kernels.wat),
 * gathers that copy whole rows, and Identity as a view instead of a copy. The app's worker, the Node runner and the tests on WASM install them, so
 * all three train the same way. Call once, after importing the wasm backend; calling again does nothing.
 */
export function installWasmKernels(): void {
  installWasmBatchMatMul();
  installWasmSlice();
  installWasmLayout();
  installWasmGather();
  installWasmIdentity();
  installWasmTranspose();
  installWasmCandidateDots();
}
