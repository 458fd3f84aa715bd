/**
 * How many threads tfjs-wasm's threaded build may use for XNNPACK's convolutions and matrix products.
 *
 * The threaded build runs where the page is cross-origin isolated (SharedArrayBuffer); elsewhere tfjs
 * picks its single-threaded SIMD build by itself. Measured on 2 cores here (docs/benchmarks.md, round 16):
 * CPC v2's WASM step in Chromium went from 329–398 ms on one thread to 246–290 ms on two, with the same
 * losses; the quick demo's, too small to split, from 11 to 14–15 ms.
 *
 * tfjs-wasm caps its pool at half of `navigator.hardwareConcurrency`, on the guess that every core runs
 * two hyperthreads, so a 2-core machine gets one thread, and so no threads at all. The C++ reads the
 * count once, while the module instantiates; `withReportedCores` makes it read twice what we want, so
 * that its halving lands on our number, and puts the browser's own value back afterwards.
 */

/**
 * tfjs would go to eight. Only two cores could be measured here, where the smallest preset already loses
 * time to the split (its kernels are small); four is a guess at where more threads stop paying.
 */
export const MAX_WASM_THREADS = 4;

/** One thread per logical core the browser reports, at most MAX_WASM_THREADS, at least one. */
export function wasmThreadsFor(hardwareConcurrency: number | undefined): number {
  const cores = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency as number) : 1;
  return Math.max(1, Math.min(MAX_WASM_THREADS, cores));
}

/** The part of `navigator` this touches (a worker's, or a stand-in in tests). */
export interface CoreCountHolder {
  readonly hardwareConcurrency: number;
}

/**
 * Runs `start` while `holder.hardwareConcurrency` reads `2 × threads`, then removes the override
 * (whether `start` resolves or rejects), so that everything else sees the browser's value.
 */
export async function withReportedCores<T>(
  holder: CoreCountHolder,
  threads: number,
  start: () => Promise<T>,
): Promise<T> {
  Object.defineProperty(holder, 'hardwareConcurrency', { configurable: true, get: () => 2 * threads });
  try {
    return await start();
  } finally {
    delete (holder as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/** The part of Emscripten's pthread bookkeeping that tfjs-wasm's threaded module exposes. */
export interface PthreadPool {
  PThread?: { unusedWorkers?: { terminate(): void }[] };
}

/**
 * tfjs-wasm's threaded build starts eight pthread workers up front, whatever the thread count; XNNPACK's
 * pool has taken the ones it uses by the time the backend is up, and nothing else here starts a thread.
 * Each idle worker keeps a V8 heap and an instance of the module: ending them took the tab from 175–177
 * to 159–160 MiB before an import, on 2 cores (round 16). Ends them, and says how many. Should a thread
 * be wanted later, Emscripten's `PThread.getNewWorker` starts a fresh worker for it.
 */
export function endIdlePthreads(module: PthreadPool): number {
  const idle = module.PThread?.unusedWorkers;
  if (!idle) return 0;
  const ended = idle.splice(0);
  for (const worker of ended) worker.terminate();
  return ended.length;
}
