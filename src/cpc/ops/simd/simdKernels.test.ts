import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { simdKernels } from './simdKernels';

/** A stand-in backend whose wasm module exposes `memory` as tfjs-wasm's single-threaded builds do. */
const backendWith = (memory: unknown) => ({ wasm: { asm: { memory } } }) as unknown as BackendWasm;
/** One as the threaded build does: it exports no memory, and keeps the shared one it made. */
const threadedBackendWith = (memory: unknown) =>
  ({ wasm: { asm: {}, wasmMemory: memory } }) as unknown as BackendWasm;

describe('simdKernels', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('binds every kernel to the wasm backend’s memory, once per memory', async () => {
    await tf.setBackend('wasm');
    const kernels = simdKernels(tf.backend() as BackendWasm);
    expect(kernels).not.toBeNull();
    for (const name of [
      'sumMiddle',
      'sumCols',
      'transpose',
      'copyRows',
      'candidateDots',
      'select',
      'reluGrad',
    ]) {
      expect(typeof (kernels as unknown as Record<string, unknown>)[name]).toBe('function');
    }
    expect(simdKernels(tf.backend() as BackendWasm)).toBe(kernels);
  });

  it('gives none, so tfjs’ kernels run, where there is no memory or one the modules cannot import', () => {
    expect(simdKernels(backendWith(undefined))).toBeNull();
    expect(simdKernels(backendWith(new ArrayBuffer(8)))).toBeNull();
    expect(simdKernels(threadedBackendWith(undefined))).toBeNull();
    expect(simdKernels(threadedBackendWith(new SharedArrayBuffer(8)))).toBeNull();
  });

  it('works on the threaded build’s shared memory as on a plain one', () => {
    // A 3 × 5 transpose at byte 64 in each memory, read back from byte 256.
    const run = (memory: WebAssembly.Memory, backend: BackendWasm) => {
      const heap = new Float32Array(memory.buffer);
      heap.set(
        Float32Array.from({ length: 15 }, (_, i) => i * 1.5 - 4),
        16,
      );
      simdKernels(backend)?.transpose(64, 256, 3, 5, 5, 3);
      return Array.from(heap.subarray(64, 79));
    };
    const plain = new WebAssembly.Memory({ initial: 1 });
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true }); // tfjs-wasm's
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(simdKernels(threadedBackendWith(shared))).not.toBeNull();
    const expected = Array.from({ length: 15 }, (_, k) => (k % 3) * 5 + Math.floor(k / 3)).map(
      (i) => i * 1.5 - 4,
    );
    expect(run(plain, backendWith(plain))).toEqual(expected);
    expect(run(shared, threadedBackendWith(shared))).toEqual(expected);
  });
});
