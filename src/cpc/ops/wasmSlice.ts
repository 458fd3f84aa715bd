import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { replaceWasmKernel } from './replaceWasmKernel';

/**
 * tfjs-wasm 4.22 slices in JavaScript after `readSync`, which copies the WHOLE input out of the wasm
 * heap for every slice, and SplitV and Unpack are one such slice per piece. Splitting the optimizer's flat buffer
 * (CPC v2: 405k values into 37 weights) copied 37 × 1.6 MB per step; the masked convolution's nine taps, and
 * the gradient of their concatenation, copied 1–5 MB nine times each; the GRU's unstacking of its saved
 * gates, the whole stack once per time step. These replacements read the
 * input through a view of the heap and copy only what each piece holds, in runs along the innermost
 * axes. Same values, same kernels for the engine. Call once, after importing the wasm backend.
 */
export function installWasmSlice(): void {
  replaceWasmKernel(tf.Slice, (original) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { begin, size } = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
    if (x.dtype === 'string') return original(args);
    const [start, extent] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size);
    return copyBlock(args.backend as BackendWasm, x, start, extent);
  });
  replaceWasmKernel(tf.SplitV, (original) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { numOrSizeSplits, axis } = args.attrs as unknown as {
      numOrSizeSplits: number | number[];
      axis: number;
    };
    if (x.dtype === 'string') return original(args);
    const along = tf.util.parseAxisParam(axis, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, numOrSizeSplits, along);
    const start = x.shape.map(() => 0);
    return sizes.map((piece) => {
      const extent = [...x.shape];
      extent[along] = piece;
      const out = copyBlock(args.backend as BackendWasm, x, [...start], extent);
      start[along] += piece;
      return out;
    });
  });
  replaceWasmKernel(tf.Unpack, (original) => (args) => {
    const { value: x } = args.inputs as { value: tf.TensorInfo };
    const { axis } = args.attrs as unknown as { axis: number };
    if (x.dtype === 'string') return original(args);
    const along = axis < 0 ? axis + x.shape.length : axis;
    const extent = x.shape.map((d, i) => (i === along ? 1 : d));
    const shape = x.shape.filter((_, i) => i !== along);
    return Array.from({ length: x.shape[along] }, (_, i) => {
      const start = x.shape.map((_, j) => (j === along ? i : 0));
      return { ...copyBlock(args.backend as BackendWasm, x, start, extent), shape };
    });
  });
}

/** The block of `x` at `start` with shape `extent`, as a new tensor on the heap. */
function copyBlock(backend: BackendWasm, x: tf.TensorInfo, start: number[], extent: number[]): tf.TensorInfo {
  const out = backend.makeOutput(extent, x.dtype);
  const size = extent.reduce((a, b) => a * b, 1);
  if (size === 0) return out;
  // Views taken after makeOutput: growing the heap detaches older ones.
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  const strides = tf.util.computeStrides(x.shape); // [rank − 1]
  // The innermost axes the block spans whole, plus the one inside which it starts: one run each.
  let axis = x.shape.length - 1;
  let run = 1;
  while (axis >= 0 && extent[axis] === x.shape[axis]) run *= extent[axis--];
  if (axis < 0) {
    to.set(from.subarray(0, size));
    return out;
  }
  run *= extent[axis]; // a contiguous run of the input
  const runs = size / run;
  const outer = extent.slice(0, axis); // the axes that step from run to run
  const index = outer.map(() => 0);
  const base = start.reduce((offset, s, i) => offset + s * (i < strides.length ? strides[i] : 1), 0);
  for (let r = 0; r < runs; r++) {
    let offset = base;
    for (let i = 0; i < outer.length; i++) offset += index[i] * strides[i];
    to.set(from.subarray(offset, offset + run), r * run);
    for (let i = outer.length - 1; i >= 0; i--) {
      if (++index[i] < outer[i]) break;
      index[i] = 0;
    }
  }
  return out;
}
