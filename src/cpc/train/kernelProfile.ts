import * as tf from '@tensorflow/tfjs';

/**
 * Kernels that tfjs runs as zero-copy views on webgpu, wasm and cpu: they move no data, but each is still
 * a kernel call (and a dispatch-sized fixed cost in the engine). engine.clone, which the gradient tape
 * uses to save tensors, is an Identity.
 */
export const VIEW_KERNELS: readonly string[] = ['Identity', 'Reshape'];

/** Kernels listed in KernelCount.slowest. */
export const SLOWEST_KERNELS = 8;

/** The time of one kind of kernel: a name and output shape, with its calls and their milliseconds summed. */
export interface KernelTime {
  /** Name → output shape, as `Conv2D → 576×2×2×64`. */
  kernel: string;
  calls: number;
  ms: number;
}

/** What one piece of tfjs work launched, from tf.profile. */
export interface KernelCount {
  /** Every kernel call. */
  total: number;
  /** Of which Identity and Reshape (VIEW_KERNELS). */
  views: number;
  /** Calls per kernel name, most frequent first. */
  byName: Record<string, number>;
  /**
   * The kernels that took longest, slowest first (at most SLOWEST_KERNELS). On cpu and wasm a kernel's
   * time is its wall time; on webgpu its GPU time, from timestamp queries, which Chromium grants only
   * with --enable-dawn-features=allow_unsafe_apis. Empty when the backend timed nothing.
   */
  slowest: KernelTime[];
}

/** What tf.profile says of one kernel call: its time is a number only where the backend could time it. */
export interface ProfiledKernel {
  name: string;
  outputShapes: readonly (readonly number[] | null | undefined)[];
  kernelTimeMs: unknown;
}

/**
 * Counts kernel calls by name (in the order tf.profile lists them), and times them where timed. tf.profile
 * also lists each custom op's forward pass, named after its scope, and times it with the kernels inside:
 * `isKernel` keeps those out of the times (they stay in the count, as they always have).
 */
export function countKernels(
  kernels: readonly ProfiledKernel[],
  isKernel: (name: string) => boolean = () => true,
): KernelCount {
  const counts = new Map<string, number>();
  for (const { name } of kernels) counts.set(name, (counts.get(name) ?? 0) + 1);
  const byName = Object.fromEntries([...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
  const views = VIEW_KERNELS.reduce((sum, name) => sum + (counts.get(name) ?? 0), 0);
  const timed = kernels.filter((k) => isKernel(k.name));
  return { total: kernels.length, views, byName, slowest: slowestKernels(timed) };
}

function slowestKernels(kernels: readonly ProfiledKernel[]): KernelTime[] {
  const times = new Map<string, KernelTime>();
  for (const { name, outputShapes, kernelTimeMs } of kernels) {
    if (typeof kernelTimeMs !== 'number' || !(kernelTimeMs > 0)) continue;
    const shape = outputShapes.map((s) => (s ?? []).join('×')).join(', ');
    const kernel = `${name} → ${shape}`;
    const time = times.get(kernel) ?? { kernel, calls: 0, ms: 0 };
    times.set(kernel, { kernel, calls: time.calls + 1, ms: time.ms + kernelTimeMs });
  }
  return [...times.values()].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST_KERNELS);
}

/**
 * Runs `work` under tf.profile and counts the kernels it launched, with their times. Profiling times
 * every kernel (and reads each output back where the backend has no timer), so time the work elsewhere:
 * the kernels' times are for comparing kernels with each other. Nothing else may run kernels meanwhile,
 * or they are counted too.
 */
export async function profileKernels<T>(
  work: () => Promise<T>,
): Promise<{ result: T; kernels: KernelCount }> {
  let result: T | undefined;
  const info = await tf.profile(async () => {
    result = await work();
  });
  const backend = tf.getBackend();
  const isKernel = (name: string) => tf.getKernel(name, backend) !== undefined;
  return { result: result as T, kernels: countKernels(info.kernels, isKernel) };
}
