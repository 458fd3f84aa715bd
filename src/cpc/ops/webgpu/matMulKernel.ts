import * as tf from '@tensorflow/tfjs';
import { reduceRows } from './flatKernels';
import { matMulFits, matMulProgram, matMulSplits, type MatMulShape } from './matMulProgram';
import { kernelSwitch, overrideWebGpuKernel } from './webgpuKernel';

const ours = kernelSwitch(tf.BatchMatMul);
/** Off once matMulCheck.ts found the kernel wrong on this device; tfjs' own products then run. */
export const setOwnMatMul = ours.set;

/**
 * Replaces tfjs-webgpu's BatchMatMul with matMulProgram where it fits (matMulFits), and keeps tfjs' own
 * kernel for the rest and while switched off. Every product of the step goes through BatchMatMul,
 * tfjs' gradients of matMul included; the engine and tf.profile still see one BatchMatMul kernel.
 * Call once, after importing the webgpu backend (which registers the original).
 */
export function installWebGpuMatMul(): void {
  overrideWebGpuKernel(tf.BatchMatMul, ours.ready, ({ inputs, attrs }, run, dispose) => {
    const transposes = attrs as { transposeA: boolean; transposeB: boolean };
    const fitted = matMulShape(inputs.a, inputs.b, transposes);
    if (!fitted) return null;
    const { shape, outShape } = fitted;
    const splits = matMulSplits(shape);
    const program = matMulProgram(shape, splits);
    if (splits === 1) return run({ ...program, outputShape: outShape }, [inputs.a, inputs.b]);
    const partial = run(program, [inputs.a, inputs.b]); // [splits · batch, m, n]
    return reduceRows(partial, splits, shape.batch * shape.m * shape.n, 'sum', outShape, run, dispose, true);
  });
}

/**
 * The product the kernel was given (inputs of rank ≥ 2, the outer dimensions folded into one batch),
 * with the output's shape, or null where matMulProgram does not fit it.
 */
export function matMulShape(
  a: Pick<tf.TensorInfo, 'shape' | 'dtype'>,
  b: Pick<tf.TensorInfo, 'shape' | 'dtype'>,
  { transposeA, transposeB }: { transposeA: boolean; transposeB: boolean },
): { shape: MatMulShape; outShape: number[] } | null {
  if (a.shape.length < 2 || b.shape.length < 2 || a.dtype !== 'float32' || b.dtype !== 'float32') {
    return null;
  }
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const [rowsA, colsA] = a.shape.slice(-2);
  const [rowsB, colsB] = b.shape.slice(-2);
  const [m, k] = transposeA ? [colsA, rowsA] : [rowsA, colsA];
  const [kB, n] = transposeB ? [colsB, rowsB] : [rowsB, colsB];
  const batchA = product(outerA);
  const batchB = product(outerB);
  // Equal outer shapes, or one side a single matrix: anything else (and a wrong k) to tfjs' kernel.
  const plain = sameShape(outerA, outerB) || batchA === 1 || batchB === 1;
  if (k !== kB || !plain) return null;
  const shape = { batch: Math.max(batchA, batchB), batchA, batchB, m, k, n, transposeA, transposeB };
  if (!matMulFits(shape)) return null;
  const outer = tf.backend_util.assertAndGetBroadcastShape(outerA, outerB);
  return { shape, outShape: [...outer, m, n] };
}

function product(shape: number[]): number {
  return shape.reduce((p, d) => p * d, 1);
}

function sameShape(x: number[], y: number[]): boolean {
  return x.length === y.length && x.every((d, i) => d === y[i]);
}
