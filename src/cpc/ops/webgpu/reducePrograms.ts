import * as tf from '@tensorflow/tfjs';
import { flatProgram, type WebGpuProgram } from './columnsPrograms';

export type Reduction = 'sum' | 'max' | 'mean';

/** Rows one invocation of a leading reduction takes: each pass shortens the rows 64-fold. */
export const ROWS_PER_PART = 64;

const STEP: Record<Reduction, (acc: string, v: string) => string> = {
  sum: (acc, v) => `${acc} + ${v}`,
  mean: (acc, v) => `${acc} + ${v}`, // a sum, scaled once at the end
  max: (acc, v) => `max(${acc}, ${v})`,
};

/** The output of a pass: a mean's last pass divides by the count of values reduced over all passes. */
function finish(op: Reduction, count: number | null): string {
  return op === 'mean' && count !== null ? `acc * ${(1 / count).toPrecision(9)}` : 'acc';
}

/**
 * One pass of a reduction over the rows of x [rows, C]: → [ceil(rows / 64), C], each output the sum
 * (max; a mean's sum) of up to 64 rows of its column. Passes repeat until one row is left (webgpu/reduceKernels.ts):
 * no workgroup memory and no barrier, as tfjs' reductions use, and no transpose first, which tfjs makes
 * to bring the reduced axes last.
 */
export function leadingReduceProgram(
  rows: number,
  c: number,
  op: Reduction,
  /** For a mean's last pass: how many values each output averages (all passes'). */
  meanOf: number | null = null,
): WebGpuProgram {
  const parts = Math.ceil(rows / ROWS_PER_PART);
  const code = `
const ROWS : i32 = ${rows};
const C : i32 = ${c};
fn main(index : i32) {
  if (index >= uniforms.size) { return; }
  let part = index / C;
  let column = index - part * C;
  let first = part * ${ROWS_PER_PART};
  let last = min(first + ${ROWS_PER_PART}, ROWS);
  var acc = x[first * C + column];
  for (var r = first + 1; r < last; r++) { acc = ${STEP[op]('acc', 'x[r * C + column]')}; }
  result[index] = ${finish(op, meanOf)};
}`;
  return flatProgram(`cpcLeading_${op}_${rows}_${c}_${meanOf ?? ''}`, [parts, c], code, ['x']);
}

/** Longest row a trailing reduction takes in one invocation; longer ones go to tfjs' kernels. */
export const MAX_ROW = 4096;

/** x [rows, length] → [rows]: the sum (max, mean) of each row, one invocation per row. */
export function trailingReduceProgram(rows: number, length: number, op: Reduction): WebGpuProgram {
  const code = `
const LENGTH : i32 = ${length};
fn main(index : i32) {
  if (index >= uniforms.size) { return; }
  let base = index * LENGTH;
  var acc = x[base];
  for (var i = 1; i < LENGTH; i++) { acc = ${STEP[op]('acc', 'x[base + i]')}; }
  result[index] = ${finish(op, length)};
}`;
  return flatProgram(`cpcTrailing_${op}_${length}`, [rows], code, ['x']);
}

/**
 * How a reduction of x (shape) over `axis` runs here: along rows of `length` when the axes trail and a
 * row is at most MAX_ROW long; over the `rows` of [rows, C] when they lead (in passes); null for
 * tfjs' kernel (axes in the middle, a repeated axis, nothing to reduce, a scalar result). `outShape`
 * keeps the reduced dimensions as 1 with keepDims. Scalars stay with tfjs: a step's warm-up
 * (WEBGPU_ENGINE_COMPILE_ONLY) never finished compiling with our mean of [864] to [], where the same
 * mean ran fine when executed. Not understood; scalar reductions are small.
 */
export type ReducePlan =
  | { kind: 'trailing'; rows: number; length: number; outShape: number[] }
  | { kind: 'leading'; rows: number; c: number; outShape: number[] };

export function reducePlan(shape: number[], axis: number | number[], keepDims: boolean): ReducePlan | null {
  if (shape.length === 0) return null;
  const rank = shape.length;
  const axes = tf.util.parseAxisParam(axis, shape).sort((p, q) => p - q);
  if (axes.length === 0 || new Set(axes).size !== axes.length) return null;
  const kept = tf.backend_util.computeOutAndReduceShapes(shape, axes)[0];
  const outShape = keepDims ? tf.backend_util.expandShapeToKeepDim(kept, axes) : kept;
  if (outShape.length === 0) return null;
  const size = (dims: number[]) => dims.reduce((p, d) => p * d, 1);
  const reduced = size(axes.map((a) => shape[a]));
  const rest = size(shape) / reduced;
  if (axes.every((a, i) => a === rank - axes.length + i) && reduced <= MAX_ROW) {
    return { kind: 'trailing', rows: rest, length: reduced, outShape };
  }
  if (axes.every((a, i) => a === i) && reduced > 1)
    return { kind: 'leading', rows: reduced, c: rest, outShape };
  return null;
}
