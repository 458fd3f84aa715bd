import * as tf from '@tensorflow/tfjs';

/**
 * Whether tfjs has backend `name` up, without starting it. tf.findBackend starts a registered backend that
 * is not up yet, and a setBackend after it starts it again: tfjs drops the first start's backend, but
 * nothing frees it. For wasm that left a second module instance with its 16 MiB memory and, in the
 * threaded build, its eight pthread workers, idle in the tab for good (docs/benchmarks.md, round 17).
 */
export function backendUp(name: string): boolean {
  return name in tf.engine().registry;
}
