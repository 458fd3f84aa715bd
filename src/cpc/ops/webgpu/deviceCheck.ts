import * as tf from '@tensorflow/tfjs';

/** Largest |ours − theirs| allowed, relative to the largest |theirs| of each compared tensor. */
export const CHECK_TOLERANCE = 1e-4;

export interface KernelCheck {
  ok: boolean;
  /** The largest relative error over every compared pair. */
  maxError: number;
}

/**
 * Runs `pairs` (ours, theirs) in a tidy on the active backend and compares each pair: the check the
 * training worker makes of our WGSL kernels on each WebGPU device, against tfjs' own ops.
 */
export async function compareOnDevice(pairs: () => [tf.Tensor, tf.Tensor][]): Promise<KernelCheck> {
  const measured = tf.tidy(() =>
    pairs().map(([ours, theirs]) => tf.stack([tf.max(tf.abs(tf.sub(ours, theirs))), tf.max(tf.abs(theirs))])),
  );
  let maxError = 0;
  for (const pair of measured) {
    const [diff, scale] = await pair.data();
    const error = diff / Math.max(scale, 1e-12);
    maxError = Math.max(maxError, Number.isFinite(error) ? error : Infinity);
  }
  tf.dispose(measured);
  return { ok: maxError <= CHECK_TOLERANCE, maxError };
}

/** The worse of several checks. */
export function worst(checks: readonly KernelCheck[]): KernelCheck {
  const maxError = Math.max(0, ...checks.map((c) => c.maxError));
  return { ok: checks.every((c) => c.ok), maxError };
}
