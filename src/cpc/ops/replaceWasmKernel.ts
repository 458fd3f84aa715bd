import * as tf from '@tensorflow/tfjs';

const replaced = new WeakSet<tf.KernelFunc>();

/**
 * Registers `make(original)` as the wasm backend's kernel `name` in place of tfjs' own, which it may
 * call for the cases it does not handle. Replacing twice does nothing (install functions run more than
 * once in tests). Needs the wasm backend imported.
 */
export function replaceWasmKernel(name: string, make: (original: tf.KernelFunc) => tf.KernelFunc): void {
  const original = tf.getKernel(name, 'wasm');
  if (!original || replaced.has(original.kernelFunc)) return;
  const kernelFunc = make(original.kernelFunc);
  replaced.add(kernelFunc);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
}
