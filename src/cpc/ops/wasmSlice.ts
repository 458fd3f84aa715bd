import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { copyRun } from './heapRuns';
import { replaceWasmKernel } from './replaceWasmKernel';
import { simdKernels } from './simd/simdKernels';

/**
 * tfjs-wasm 4.22 slices in JavaScript after `readSync`, which copies the WHOLE input out of the wasm
 * heap for every slice, and SplitV and Unpack are one such slice per piece. Splitting the optimizer's flat buffer
 * (CPC v2: 405k values into 37 weights) copied 37 × 1.6 MB per step; the masked convolution's nine taps, and
 * the gradient of their concatenation, copied 1–5 MB nine times each; the GRU's unstacking of its saved
 * gates, the whole stack once per time step. These replacements read the
 * input through a view of the heap and copy only what each piece holds, in runs along the innermost
 * axes. StridedSlice (the conv gradient's sub-kernels) copies runs the same way. Same values, same kernels
 * for the engine. Call once, after importing the wasm backend.
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
  replaceWasmKernel(tf.StridedSlice, (original) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const a = args.attrs as unknown as tf.StridedSliceAttrs;
    if (x.dtype === 'string') return original(args);
    const info = tf.slice_util.sliceInfo(
      x.shape,
      a.begin,
      a.end,
      a.strides,
      a.beginMask,
      a.endMask,
      a.ellipsisMask,
      a.newAxisMask,
      a.shrinkAxisMask,
    );
    const dense = info.finalShapeSparse; // the kept extent along each of x's axes
    const plain = x.shape.length > 0 && dense.length === x.shape.length && info.strides.every((s) => s > 0);
    if (info.isIdentity || info.sliceDim0 || info.isSimpleSlice || !plain) return original(args);
    return copyStrided(args.backend as BackendWasm, x, info.begin, info.strides, dense, info.finalShape);
  });
}

/**
 * x[begin + i·step] for every index i of `extent` (steps > 0), as a new tensor of `shape` (extent with
 * axes added or dropped). tfjs-wasm's StridedSlice computes each value's coordinates in C: 1.6 ms to take
 * every other tap of a [3, 3, 64, 64] kernel, which this does in 0.04 (min of 30, CPU busy with CI).
 */
function copyStrided(
  backend: BackendWasm,
  x: tf.TensorInfo,
  begin: number[],
  step: number[],
  extent: number[],
  shape: number[],
): tf.TensorInfo {
  const out = backend.makeOutput(shape, x.dtype);
  const size = tf.util.sizeFromShape(extent);
  if (size === 0) return out;
  // Views taken after makeOutput: growing the heap detaches older ones.
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  const strides = [...tf.util.computeStrides(x.shape), 1];
  const last = extent.length - 1;
  const inner = extent[last];
  const innerStep = step[last];
  const index = extent.map(() => 0);
  const base = begin.reduce((offset, b, i) => offset + b * strides[i], 0);
  for (let o = 0; o < size; o += inner) {
    let offset = base;
    for (let i = 0; i < last; i++) offset += index[i] * step[i] * strides[i];
    if (innerStep === 1) copyRun(to, o, from, offset, inner);
    else for (let c = 0; c < inner; c++) to[o + c] = from[offset + c * innerStep];
    for (let i = last - 1; i >= 0; i--) {
      if (++index[i] < extent[i]) break;
      index[i] = 0;
    }
  }
  return out;
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
  const base = start.reduce((offset, s, i) => offset + s * (i < strides.length ? strides[i] : 1), 0);
  // Runs a fixed stride apart (the outer axes past the first are whole): one SIMD call for four-byte
  // values (SplitV along an inner axis: CPC v2's nine taps of 64 values in rows of 576).
  const whole = outer.every((e, i) => i === 0 || e === x.shape[i]);
  const simd = to.BYTES_PER_ELEMENT === 4 && whole && axis > 0 ? simdKernels(backend) : null;
  if (simd) {
    const source = backend.getMemoryOffset(x.dataId) + 4 * base;
    simd.copyRows(source, backend.getMemoryOffset(out.dataId), runs, run, strides[axis - 1], run);
    return out;
  }
  const index = outer.map(() => 0);
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
