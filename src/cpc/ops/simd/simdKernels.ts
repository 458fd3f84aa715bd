import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { SIMD_KERNEL_MODULES } from './simdKernelsWasm';
import { SIMD_KERNEL_MODULES_SHARED } from './simdKernelsWasmShared';

/**
 * Hand-written WebAssembly SIMD kernels (the .wat files here) that work on tfjs-wasm's own heap: each
 * module imports the backend's WebAssembly.Memory, so a tensor's data is read and written where it lies,
 * with no copy in or out. Addresses are byte offsets (`backend.getMemoryOffset(dataId)`); sizes and
 * strides count four-byte values.
 */
export interface SimdKernels {
  /** [outer, rows, cols] summed over rows, in row order, into [outer, cols] (rows ≥ 1). */
  sumMiddle(src: number, outer: number, rows: number, cols: number, dst: number): void;
  /** [rows, cols] summed over cols, in column order from 0, into [rows]. */
  sumCols(src: number, rows: number, cols: number, dst: number): void;
  /** dst[c·dstStride + r] = src[r·srcStride + c] for r < rows, c < cols. */
  transpose(src: number, dst: number, rows: number, cols: number, srcStride: number, dstStride: number): void;
  /** For r < rows: width four-byte values from src + r·srcStride to dst + r·dstStride (strides in values). */
  copyRows(src: number, dst: number, rows: number, width: number, srcStride: number, dstStride: number): void;
  /** scores [m, w] of preds [m, d] against codes[cand[i·w + j]] (candidates.wat says in which order). */
  candidateDots: CandidateKernel; // (preds, codes, cand, m, w, d, out)
  /** Its gradient with respect to preds: [m, d]. */
  candidateDotsGradPreds: CandidateKernel; // (dy, codes, cand, m, w, d, out)
  /** Its gradient with respect to codes: outSize values, rows of d. */
  candidateDotsGradCodes(
    dy: number,
    preds: number,
    cand: number,
    m: number,
    w: number,
    d: number,
    outSize: number,
    out: number,
  ): void;
  /** out = x < 0 ? alpha·x : x over n values. */
  leakyRelu(x: number, n: number, alpha: number, out: number): void;
  /** out = dy · (y > 0 ? 1 : slope) over n values (NaN where y is NaN). */
  reluGrad(dy: number, y: number, n: number, slope: number, out: number): void;
  /** out = cond ≠ 0 ? t : e over n values (cond bytes; t, e, out four bytes each). */
  select(cond: number, t: number, e: number, n: number, out: number): void;
}

/** The part of the WebAssembly JS API used here (the core compiles without DOM or Node types). */
interface WasmApi {
  Memory: abstract new (...args: never[]) => { buffer: unknown };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  validate(bytes: Uint8Array): boolean;
}

const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Two tensors' addresses, the candidates', then m, w, d and the output's address. */
type CandidateKernel = (
  a: number,
  b: number,
  cand: number,
  m: number,
  w: number,
  d: number,
  out: number,
) => void;

const instances = new WeakMap<object, SimdKernels | null>();

/**
 * The kernels bound to this backend's memory, or null where they cannot run: a runtime without
 * WebAssembly SIMD, or a tfjs-wasm build that does not expose its memory (then callers keep tfjs' kernels).
 */
export function simdKernels(backend: BackendWasm): SimdKernels | null {
  const memory = wasmMemory(backend);
  if (!memory) return null;
  if (!instances.has(memory)) instances.set(memory, instantiate(memory, isShared(memory)));
  return instances.get(memory) ?? null;
}

/**
 * tfjs-wasm's memory: the single-threaded builds export it (`asm.memory`); the threaded build creates
 * a shared one in JavaScript, imports it, and keeps it as `wasmMemory`.
 */
function wasmMemory(backend: BackendWasm): object | null {
  const module = backend.wasm as unknown as { asm?: { memory?: unknown }; wasmMemory?: unknown };
  if (!wasmApi) return null;
  for (const memory of [module.asm?.memory, module.wasmMemory])
    if (memory instanceof wasmApi.Memory) return memory;
  return null;
}

function isShared(memory: object): boolean {
  const shared = (globalThis as { SharedArrayBuffer?: abstract new (...args: never[]) => object })
    .SharedArrayBuffer;
  return shared !== undefined && (memory as { buffer: unknown }).buffer instanceof shared;
}

/** The compiled modules, plain and shared, once each; null where they do not validate (no SIMD). */
const compiled = new Map<boolean, object[] | null>();

/** Every module instantiated on `memory`, their exports as one object. */
function instantiate(memory: object, shared: boolean): SimdKernels | null {
  if (!wasmApi) return null;
  const api = wasmApi;
  if (!compiled.has(shared)) {
    const binaries = Object.values(shared ? SIMD_KERNEL_MODULES_SHARED : SIMD_KERNEL_MODULES);
    // About 1 kB each: they compile synchronously even where a page's thread limits that (this runs in workers).
    compiled.set(
      shared,
      binaries.every((bytes) => api.validate(bytes)) ? binaries.map((bytes) => new api.Module(bytes)) : null,
    );
  }
  const modules = compiled.get(shared);
  if (!modules) return null;
  try {
    const exports = modules.map((module) => new api.Instance(module, { env: { memory } }).exports as object);
    return Object.assign({}, ...exports) as SimdKernels;
  } catch {
    return null; // a memory the modules cannot import
  }
}
