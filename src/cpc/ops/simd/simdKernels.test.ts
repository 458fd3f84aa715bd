import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { simdKernels } from './simdKernels';

/** A stand-in backend whose wasm module exposes `memory` as tfjs-wasm's does. */
const backendWith = (memory: unknown) => ({ wasm: { asm: { memory } } }) as unknown as BackendWasm;

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
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }); // the threaded build's
    expect(simdKernels(backendWith(shared))).toBeNull();
  });
});
