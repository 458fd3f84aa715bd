import * as tf from '@tensorflow/tfjs';

/**
 * Kernels that tfjs runs as zero-copy views on webgpu, wasm and cpu: they move no data, but each is still
 * a kernel call (and a dispatch-sized fixed cost in the engine). engine.clone, which the gradient tape
 * uses to save tensors, is an Identity.
 */
export const VIEW_KERNELS: readonly string[] = ['Identity', 'Reshape'];

/** What one piece of tfjs work launched, from tf.profile. */
export interface KernelCount {
  /** Every kernel call. */
  total: number;
  /** Of which Identity and Reshape (VIEW_KERNELS). */
  views: number;
  /** Calls per kernel name, most frequent first. */
  byName: Record<string, number>;
}

/** Counts kernel calls by name (in the order tf.profile lists them). */
export function countKernels(names: readonly string[]): KernelCount {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  const byName = Object.fromEntries([...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
  const views = VIEW_KERNELS.reduce((sum, name) => sum + (counts.get(name) ?? 0), 0);
  return { total: names.length, views, byName };
}

/**
 * Runs `work` under tf.profile and counts the kernels it launched. Profiling times every kernel (and
 * reads each output back where the backend has no timer), so time the work elsewhere: this is for
 * counting only. Nothing else may run kernels meanwhile, or they are counted too.
 */
export async function profileKernels<T>(
  work: () => Promise<T>,
): Promise<{ result: T; kernels: KernelCount }> {
  let result: T | undefined;
  const info = await tf.profile(async () => {
    result = await work();
  });
  return { result: result as T, kernels: countKernels(info.kernels.map((kernel) => kernel.name)) };
}
