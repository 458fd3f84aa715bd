import * as tf from '@tensorflow/tfjs';

/** A tensor of `shape` filled with a fixed wave of values (rounded for int32, > 0 for bool). */
export function filled(
  shape: number[],
  seed: number,
  dtype: 'float32' | 'int32' | 'bool' = 'float32',
): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const numbers = Array.from({ length: size }, (_, i) => Math.sin(seed + i * 0.37) * 5);
  if (dtype === 'bool')
    return tf.tensor(
      numbers.map((v) => v > 0),
      shape,
      'bool',
    );
  return tf.tensor(dtype === 'int32' ? numbers.map(Math.round) : numbers, shape, dtype);
}

/**
 * The same work on cpu (tfjs' reference kernels) and on wasm (with whatever kernel replacements the
 * caller installed): shape, dtype and values of each, to compare. Needs the wasm backend imported.
 */
export async function onCpuAndWasm(work: () => tf.Tensor) {
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    const out = work();
    const result = { shape: out.shape, dtype: out.dtype, values: Array.from(await out.data()) };
    out.dispose();
    return result;
  };
  return { cpu: await run('cpu'), wasm: await run('wasm') };
}
