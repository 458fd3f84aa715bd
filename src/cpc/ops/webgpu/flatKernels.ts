import * as tf from '@tensorflow/tfjs';
import { transposeProgram, VECTOR_OPS, vectorOpProgram, vectorSide, type VectorOp } from './layoutPrograms';
import {
  leadingReduceProgram,
  reducePlan,
  ROWS_PER_PART,
  trailingReduceProgram,
  type Reduction,
} from './reducePrograms';
import { kernelSwitch, overrideWebGpuKernel, type RunProgram } from './webgpuKernel';

const ours = kernelSwitch(tf.Transpose);
/** Off once flatKernelsCheck.ts found these kernels wrong on this device; tfjs' own then run. */
export const setFlatKernels = ours.set;

/**
 * Replaces eight tfjs-webgpu kernels, in the cases below, with programs that use no workgroup memory
 * (layoutPrograms.ts, reducePrograms.ts); tfjs' kernels run every other case:
 * - Add, Sub, Multiply and RealDiv of a float32 tensor and a vector along its last axis, either order;
 * - Transpose of a float32 or int32 tensor of rank 2 or more;
 * - Sum, Max and Mean of float32 over leading axes, or over trailing axes up to MAX_ROW values a row.
 * Call once, after importing the webgpu backend (which registers the originals).
 */
export function installWebGpuFlatKernels(): void {
  const isOn = ours.ready;
  for (const op of Object.keys(VECTOR_OPS) as VectorOp[])
    overrideWebGpuKernel(op, isOn, ({ inputs }, run) => vectorOp(op, inputs.a, inputs.b, run));
  overrideWebGpuKernel(tf.Transpose, isOn, ({ inputs, attrs }, run) => {
    const { x } = inputs;
    if ((x.dtype !== 'float32' && x.dtype !== 'int32') || x.shape.length < 2) return null;
    return run(transposeProgram(x.shape, attrs.perm as number[]), [x], x.dtype);
  });
  for (const [kernel, op, axisAttr] of [
    [tf.Sum, 'sum', 'axis'],
    [tf.Max, 'max', 'reductionIndices'],
    [tf.Mean, 'mean', 'axis'],
  ] as const) {
    overrideWebGpuKernel(kernel, isOn, ({ inputs, attrs }, run, dispose) =>
      reduce(inputs.x, attrs[axisAttr] as number | number[], attrs.keepDims as boolean, op, run, dispose),
    );
  }
}

/** a OP b where one of them is a vector along the other's last axis (vectorSide); null otherwise. */
function vectorOp(op: VectorOp, a: tf.TensorInfo, b: tf.TensorInfo, run: RunProgram): tf.TensorInfo | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const side = vectorSide(a.shape, b.shape);
  if (!side) return null;
  const [x, v] = side === 'b' ? [a, b] : [b, a];
  return run(vectorOpProgram(op, x.shape, v.shape[v.shape.length - 1], side), [a, b]);
}

/** x reduced over `axis` as reducePlan says: one pass along rows, or passes over rows until one is left. */
function reduce(
  x: tf.TensorInfo,
  axis: number | number[],
  keepDims: boolean,
  op: Reduction,
  run: RunProgram,
  dispose: (t: tf.TensorInfo) => void,
): tf.TensorInfo | null {
  const plan = x.dtype === 'float32' ? reducePlan(x.shape, axis, keepDims) : null;
  if (!plan) return null;
  if (plan.kind === 'trailing') {
    return run({ ...trailingReduceProgram(plan.rows, plan.length, op), outputShape: plan.outShape }, [x]);
  }
  return reduceRows(x, plan.rows, plan.c, op, plan.outShape, run, dispose);
}

/**
 * x viewed as [rows, C], reduced over its rows in passes of up to 64 rows, the last pass written as
 * `outShape`. x is the caller's, or (`ownsX`) an intermediate to free after the first pass.
 */
export function reduceRows(
  x: tf.TensorInfo,
  rows: number,
  c: number,
  op: Reduction,
  outShape: number[],
  run: RunProgram,
  dispose: (t: tf.TensorInfo) => void,
  ownsX = false,
): tf.TensorInfo {
  let current = x;
  for (let left = rows; left > 1;) {
    const lastPass = Math.ceil(left / ROWS_PER_PART) === 1;
    const pass = leadingReduceProgram(left, c, op, lastPass ? rows : null); // [ceil(left / 64), C]
    left = pass.outputShape[0];
    const next = run(lastPass ? { ...pass, outputShape: outShape } : pass, [current]);
    if (current !== x || ownsX) dispose(current);
    current = next;
  }
  return current;
}
