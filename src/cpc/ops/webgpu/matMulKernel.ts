import * as tf from '@tensorflow/tfjs';
import { matMulFits, matMulProgram, type MatMulShape } from './matMulProgram';
import type { WebGpuProgram } from './columnsPrograms';

interface ProgramRunner {
  runWebGPUProgram(program: WebGpuProgram, inputs: tf.TensorInfo[], dtype: tf.DataType): tf.TensorInfo;
}

let on = true;
/** Off once matMulCheck.ts found the kernel wrong on this device; tfjs' own products then run. */
export function setOwnMatMul(value: boolean): void {
  on = value;
}

/** Kernel functions of ours, so that a second install does not wrap the first. */
const ours = new WeakSet<tf.KernelFunc>();

/**
 * Replaces tfjs-webgpu's BatchMatMul with matMulProgram where it fits (matMulFits), and keeps tfjs' own
 * kernel for the rest and while switched off. Every product of the step goes through BatchMatMul,
 * tfjs' gradients of matMul included; the engine and tf.profile still see one BatchMatMul kernel.
 * Call once, after importing the webgpu backend (which registers the original).
 */
export function installWebGpuMatMul(): void {
  const original = tf.getKernel(tf.BatchMatMul, 'webgpu');
  if (!original || ours.has(original.kernelFunc)) return;
  const kernelFunc: tf.KernelFunc = (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const attrs = args.attrs as { transposeA: boolean; transposeB: boolean };
    const fitted = on ? matMulShape(a, b, attrs) : null;
    if (!fitted) return original.kernelFunc(args);
    const program = { ...matMulProgram(fitted.shape), outputShape: fitted.outShape };
    return (args.backend as unknown as ProgramRunner).runWebGPUProgram(program, [a, b], 'float32');
  };
  ours.add(kernelFunc);
  tf.unregisterKernel(tf.BatchMatMul, 'webgpu');
  tf.registerKernel({ ...original, kernelFunc });
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
