import * as tf from '@tensorflow/tfjs';
import { compareOnDevice, worst, type KernelCheck } from './deviceCheck';

/**
 * Products that reach every branch of matMulProgram: each transpose pair, fewer rows than an
 * invocation takes and a last partial block, an odd k, A or B shared across a batch, rank 4, and k
 * split (matMulSplits).
 * Shapes are as stored: [.., rows, cols] of A and of B.
 */
const CASES: readonly { a: number[]; b: number[]; transposeA: boolean; transposeB: boolean }[] = [
  { a: [1, 13, 7], b: [1, 7, 12], transposeA: false, transposeB: false }, // m 13: a block of 8, then 5
  { a: [3, 7, 13], b: [1, 7, 8], transposeA: true, transposeB: false }, // B shared by 3 products
  { a: [1, 5, 9], b: [2, 16, 9], transposeA: false, transposeB: true }, // m 5 < 8; A shared
  { a: [2, 9, 20], b: [2, 4, 9], transposeA: true, transposeB: true },
  { a: [2, 3, 17, 6], b: [2, 3, 6, 8], transposeA: false, transposeB: false },
  // A filter gradient's shape: a long k, split into 9 runs whose partial products are summed.
  { a: [1, 4100, 8], b: [1, 4100, 4], transposeA: true, transposeB: false },
];

/**
 * Our BatchMatMul (`useOurs(true)`) against tfjs' own (`useOurs(false)`) on the active backend, on
 * small random products, and one long enough in k to be split. The training worker runs this once per WebGPU device, before the checks of
 * the kernels that multiply through it, and keeps tfjs' products when it fails.
 */
export async function checkMatMul(useOurs: (on: boolean) => void): Promise<KernelCheck> {
  const checks: KernelCheck[] = [];
  try {
    for (const [i, c] of CASES.entries()) {
      checks.push(
        await compareOnDevice(() => {
          const a = tf.randomNormal(c.a, 0, 1, 'float32', 5 + i);
          const b = tf.randomNormal(c.b, 0, 1, 'float32', 17 + i);
          useOurs(true);
          const ours = tf.matMul(a, b, c.transposeA, c.transposeB);
          useOurs(false);
          const theirs = tf.matMul(a, b, c.transposeA, c.transposeB);
          return [[ours, theirs]];
        }),
      );
    }
  } finally {
    useOurs(true);
  }
  return worst(checks);
}
