import * as tf from '@tensorflow/tfjs';
import { beforeAll } from 'vitest';

/** Unit tests run on the tfjs cpu backend in Node (exact, dependency-free, slow: keep configs tiny). */
export function useCpuBackend(): void {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });
}

/** Max absolute difference between two arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/**
 * tfjs' peak of tensor bytes while `run` runs, over what was alive before (tensors counted as tfjs counts
 * them, views included), in units of `unitBytes`.
 */
export async function peakTensorBytes(unitBytes: number, run: () => unknown): Promise<number> {
  const before = tf.memory().numBytes;
  const info = await tf.profile(async () => {
    await run();
  });
  return (info.peakBytes - before) / unitBytes;
}
