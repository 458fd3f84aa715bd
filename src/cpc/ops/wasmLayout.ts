import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { copyRun } from './heapRuns';
import { replaceWasmKernel } from './replaceWasmKernel';
import { simdKernels, type SimdKernels } from './simd/simdKernels';

/**
 * tfjs-wasm 4.22 kernels that move data in JavaScript one small piece at a time, replaced by loops over
 * views of the heap (same values, same kernels for the engine). Times from one tf.profile of CPC v2's
 * step on this 2-core machine under load:
 * - Concat and Pack copy each input's row with `subarray` + `set`: a new view object per row. Rows are
 *   short here (the conv gradient interleaves rows of 32 values, the masked conv's columns rows of 64):
 *   the conv gradient's four Packs took 55 ms. Now one SIMD row copy per input (simd/layout.wat; CPC v2's
 *   four [576, 4, 4, 2, 32] Packs 5.6 → 0.9 ms); bool rows value by value or one `set` each (heapRuns.ts).
 * - Tile does index arithmetic per value: 57 ms for CPC v2's 405k weights (AdamW's accept flag, one
 *   value: now a fill), 3 ms for the GRU's bias over [1, 192, 256]. Copies of whole blocks instead.
 * - Sum and Mean over the leading axes (every bias and norm gradient; batch norm's statistics) transpose
 *   the whole input first so that the reduced axes are innermost: 42 ms for nine sums of [576, 8, 8, 32],
 *   23 ms for Keras CPC's 23 means. Summed row by row in place: with the SIMD kernels (simd/reductions.wat)
 *   four values an instruction, 2.7 → 0.2 ms for [576, 8, 8, 32] → [32] (else in JavaScript). The same
 *   kernels sum over middle axes ([3456, 32, 64] → [3456, 64], the candidates' scores: tfjs transposes
 *   first) and the last axes (layer norm's statistics, [576, 8, 8, 32] → [576, 1, 1, 1]: tfjs adds one
 *   value at a time, 1 ms; four rows at once, a lane each). Every sum adds the same float32 values in
 *   the same order as tfjs' own kernel, so the results are equal to the bit.
 * Call once, after importing the wasm backend.
 */
export function installWasmLayout(): void {
  replaceWasmKernel(tf.Concat, (original) => (args) => {
    const inputs = args.inputs as unknown as tf.TensorInfo[];
    const axis = tf.util.parseAxisParam((args.attrs as { axis: number }).axis, inputs[0].shape)[0];
    const kept = inputs.filter((t) => tf.util.sizeFromShape(t.shape) > 0);
    if (kept.length < 2 || kept[0].dtype === 'string') return original(args);
    const shape = tf.backend_util.computeOutShape(
      inputs.map((t) => t.shape),
      axis,
    );
    return concatRows(args.backend as BackendWasm, kept, axis, shape);
  });
  replaceWasmKernel(tf.Pack, (original) => (args) => {
    const inputs = args.inputs as unknown as tf.TensorInfo[];
    const axis = (args.attrs as { axis: number }).axis;
    if (inputs.length < 2 || inputs[0].dtype === 'string') return original(args);
    const along = axis < 0 ? axis + inputs[0].shape.length + 1 : axis;
    const shape = [...inputs[0].shape];
    shape.splice(along, 0, inputs.length);
    return concatRows(args.backend as BackendWasm, inputs, along, shape);
  });
  replaceWasmKernel(tf.Tile, (original) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { reps } = args.attrs as unknown as { reps: number[] };
    if (x.dtype === 'string' || reps.length !== x.shape.length) return original(args);
    const backend = args.backend as BackendWasm;
    const out = backend.makeOutput(
      reps.map((r, i) => r * x.shape[i]),
      x.dtype,
    );
    if (tf.util.sizeFromShape(out.shape) === 0) return out;
    if (tf.util.sizeFromShape(x.shape) === 1) {
      const value = backend.typedArrayFromHeap(x)[0];
      backend.typedArrayFromHeap(out).fill(value);
    } else {
      tileBlocks(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(out), x.shape, reps);
    }
    return out;
  });
  for (const [name, scaled] of [
    [tf.Sum, false],
    [tf.Mean, true],
  ] as const) {
    replaceWasmKernel(name, (original) => (args) => {
      const { x } = args.inputs as { x: tf.TensorInfo };
      const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
      const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
      const first = axes[0] ?? 0;
      const contiguous = axes.length > 0 && axes.every((a, i) => a === first + i);
      const last = first + axes.length - 1;
      if (!contiguous || x.dtype !== 'float32') return original(args);
      const backend = args.backend as BackendWasm;
      const simd = simdKernels(backend);
      if (simd) return sumAxes(simd, backend, x, first, axes.length, keepDims, scaled);
      if (first !== 0 || last === x.shape.length - 1) return original(args);
      return sumLeading(backend, x, axes.length, keepDims, scaled);
    });
  }
}

/**
 * Sum (or mean) of x over `count` neighbouring axes from `first`: x as [outer, rows, cols], summed over
 * rows by the SIMD kernels (cols = 1 when the axes are the last ones).
 */
function sumAxes(
  simd: SimdKernels,
  backend: BackendWasm,
  x: tf.TensorInfo,
  first: number,
  count: number,
  keepDims: boolean,
  mean: boolean,
): tf.TensorInfo {
  const before = x.shape.slice(0, first);
  const after = x.shape.slice(first + count);
  const shape = keepDims ? [...before, ...new Array<number>(count).fill(1), ...after] : [...before, ...after];
  const out = backend.makeOutput(shape, 'float32');
  const outer = tf.util.sizeFromShape(before);
  const rows = tf.util.sizeFromShape(x.shape.slice(first, first + count));
  const cols = tf.util.sizeFromShape(after);
  if (outer * cols === 0) return out;
  if (rows === 0) {
    backend.typedArrayFromHeap(out).fill(mean ? NaN : 0);
    return out;
  }
  const from = backend.getMemoryOffset(x.dataId);
  const to = backend.getMemoryOffset(out.dataId);
  if (cols === 1) simd.sumCols(from, outer, rows, to);
  else simd.sumMiddle(from, outer, rows, cols, to);
  if (mean) {
    const values = backend.typedArrayFromHeap(out) as Float32Array;
    for (let i = 0; i < values.length; i++) values[i] /= rows;
  }
  return out;
}

/** Sum (or mean) of x over its first `count` axes, row by row in place. */
function sumLeading(
  backend: BackendWasm,
  x: tf.TensorInfo,
  count: number,
  keepDims: boolean,
  mean: boolean,
): tf.TensorInfo {
  const rest = x.shape.slice(count);
  const out = backend.makeOutput(keepDims ? [...new Array<number>(count).fill(1), ...rest] : rest, 'float32');
  // Views taken after makeOutput: growing the heap detaches older ones.
  const from = backend.typedArrayFromHeap(x) as Float32Array;
  const to = backend.typedArrayFromHeap(out) as Float32Array;
  const columns = tf.util.sizeFromShape(rest);
  const rows = from.length / columns;
  to.set(from.subarray(0, columns));
  for (let r = 1; r < rows; r++) {
    const offset = r * columns;
    for (let c = 0; c < columns; c++) to[c] += from[offset + c];
  }
  if (mean) for (let c = 0; c < columns; c++) to[c] /= rows;
  return out;
}

/**
 * Tiles `from` (shape `shape`) `reps` times along each axis into `to`: first each input row (the last
 * axis) to where every repeat index is 0, then, from the last axis to the first, the filled part of
 * each axis copied into its repeats, a block at a time.
 */
function tileBlocks(
  from: tf.backend_util.TypedArray,
  to: tf.backend_util.TypedArray,
  shape: number[],
  reps: number[],
): void {
  const rank = shape.length;
  const outShape = shape.map((d, i) => d * reps[i]);
  const outStrides = tf.util.computeStrides(outShape); // rank − 1 strides; the last axis' is 1
  const strideOf = (axis: number) => (axis === rank - 1 ? 1 : outStrides[axis]);
  /** Calls visit(start) for the out offset of every index over axes < axis, each below its input size. */
  const eachPrefix = (axis: number, visit: (start: number) => void) => {
    const walk = (a: number, start: number) => {
      if (a === axis) return visit(start);
      for (let i = 0; i < shape[a]; i++) walk(a + 1, start + i * strideOf(a));
    };
    walk(0, 0);
  };
  const last = shape[rank - 1];
  let row = 0;
  eachPrefix(rank - 1, (start) => {
    to.set(from.subarray(row * last, (row + 1) * last), start);
    row++;
  });
  for (let axis = rank - 1; axis >= 0; axis--) {
    if (reps[axis] === 1) continue;
    const block = shape[axis] * strideOf(axis); // the filled part along this axis
    eachPrefix(axis, (start) => {
      for (let r = 1; r < reps[axis]; r++) to.copyWithin(start + r * block, start, start + block);
    });
  }
}

/** Concatenation along `axis` (each input's size there may differ) into a new tensor of `shape`. */
function concatRows(
  backend: BackendWasm,
  inputs: tf.TensorInfo[],
  axis: number,
  shape: number[],
): tf.TensorInfo {
  const out = backend.makeOutput(shape, inputs[0].dtype);
  // Views taken after makeOutput: growing the heap detaches older ones.
  const to = backend.typedArrayFromHeap(out);
  const outer = tf.util.sizeFromShape(inputs[0].shape.slice(0, axis));
  const widths = inputs.map((t) => tf.util.sizeFromShape(t.shape) / outer); // values per row, per input
  const total = widths.reduce((a, b) => a + b, 0);
  // Four-byte values by the SIMD row copy, one call per input; bytes (bool) one run at a time.
  const simd = to.BYTES_PER_ELEMENT === 4 ? simdKernels(backend) : null;
  let column = 0;
  inputs.forEach((input, i) => {
    const width = widths[i];
    if (simd) {
      const at = backend.getMemoryOffset(out.dataId) + column * 4;
      simd.copyRows(backend.getMemoryOffset(input.dataId), at, outer, width, width, total);
    } else {
      const from = backend.typedArrayFromHeap(input);
      for (let r = 0; r < outer; r++) copyRun(to, r * total + column, from, r * width, width);
    }
    column += width;
  });
  return out;
}
