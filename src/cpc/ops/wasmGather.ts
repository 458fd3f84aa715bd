import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { copyRun } from './heapRuns';
import { replaceWasmKernel } from './replaceWasmKernel';

/**
 * tfjs-wasm 4.22's GatherV2 works out every output value's source index through its strides: gathering
 * the 27,648 candidate codes (rows of 128) of Keras CPC's step took 113 ms on this machine. Gathers along
 * axis 0 (every gather the model makes) copy whole rows here instead; other gathers, and strings, go to
 * tfjs' kernel. An index outside the input throws, as tfjs' cpu kernel does.
 * Call once, after importing the wasm backend.
 */
export function installWasmGather(): void {
  replaceWasmKernel(tf.GatherV2, (original) => (args) => {
    const { x, indices } = args.inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
    const { axis, batchDims } = args.attrs as unknown as { axis: number; batchDims?: number };
    const along = tf.util.parseAxisParam(axis, x.shape)[0];
    if (along !== 0 || (batchDims ?? 0) !== 0 || x.dtype === 'string' || indices.dtype !== 'int32') {
      return original(args);
    }
    const backend = args.backend as BackendWasm;
    const rest = x.shape.slice(1);
    const out = backend.makeOutput([...indices.shape, ...rest], x.dtype);
    // Views taken after makeOutput: growing the heap detaches older ones.
    const to = backend.typedArrayFromHeap(out);
    const from = backend.typedArrayFromHeap(x);
    const rows = backend.typedArrayFromHeap(indices) as Int32Array;
    const width = tf.util.sizeFromShape(rest);
    const count = x.shape[0];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!(row >= 0 && row < count)) {
        backend.disposeData(out.dataId);
        throw new Error(`GatherV2: index ${row} is not in [0, ${count - 1}].`);
      }
      copyRun(to, i * width, from, row * width, width);
    }
    return out;
  });
}
