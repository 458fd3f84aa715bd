/**
 * Getting a backend ready for a config before the first real step: compiling its kernels, and timing a
 * step for the `auto` probe. Both run on a throwaway trainer with the run's shapes.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { CpcTrainer } from '../cpc/train/trainer';
import type { StepTimer, StepTiming } from './backendProbe';

export type ScratchTrainer = Pick<CpcTrainer, 'stepAsync' | 'trainStep'>;
/** A scratch trainer this module creates and so must dispose. */
type OwnedScratch = ScratchTrainer & Pick<CpcTrainer, 'dispose'>;

/**
 * Gets the active backend ready to train: on webgpu every pipeline of one step is compiled at once
 * (see compileInParallel), which is all the warm-up it needs; elsewhere one real step compiles as it goes.
 */
export async function warmUpBackend(trainer: ScratchTrainer): Promise<void> {
  if (!(await compileInParallel(trainer))) await trainer.trainStep();
}

/**
 * Compiles every kernel of a step before `ready`, on a throwaway trainer with the same shapes. The real
 * run starts afterwards from untouched seeded streams, so it matches a run without warm-up step for
 * step. Returns the milliseconds it took.
 */
export async function warmUpOnScratch(createScratch: () => OwnedScratch, now: () => number): Promise<number> {
  const started = now();
  const scratch = createScratch();
  try {
    await warmUpBackend(scratch);
  } finally {
    scratch.dispose();
  }
  return now() - started;
}

/**
 * Times the first step (compilation included) and, if it left time before `deadline`, a warm one.
 * A webgpu compilation still running at the deadline is abandoned (it finishes in the background).
 */
export async function timeStep(
  trainer: ScratchTrainer,
  deadline: number,
  now: () => number,
): Promise<StepTiming> {
  const started = now();
  const compiled = compileInParallel(trainer);
  if (!(await beforeDeadline(compiled, deadline, now))) return { firstMs: null, warmMs: null };
  const stepStarted = now();
  await trainer.trainStep();
  const finished = now();
  if (finished + (finished - stepStarted) > deadline) return { firstMs: finished - started, warmMs: null };
  await trainer.trainStep();
  return { firstMs: finished - started, warmMs: now() - finished };
}

/**
 * WebGPU only (resolves false elsewhere): records one step with WEBGPU_ENGINE_COMPILE_ONLY, so that tfjs
 * asks for each pipeline with createComputePipelineAsync and runs nothing, then waits for all of them.
 * The browser compiles them side by side instead of one after another inside the first step (78
 * pipelines, ~20 s one at a time on SwiftShader). The step's outputs are garbage: callers throw the
 * trainer away.
 */
async function compileInParallel(trainer: ScratchTrainer): Promise<boolean> {
  if (tf.getBackend() !== 'webgpu') return false;
  tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', true);
  try {
    trainer.stepAsync().dispose();
  } finally {
    tf.env().set('WEBGPU_ENGINE_COMPILE_ONLY', false);
  }
  await (tf.backend() as WebGPUBackend).checkCompileCompletionAsync();
  return true;
}

/** Whether `work` settled before `deadline`; a later rejection is swallowed (nobody waits for it then). */
async function beforeDeadline(work: Promise<unknown>, deadline: number, now: () => number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - now()));
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined);
  }
}

/**
 * A StepTimer for the `auto` probe: each call times a fresh throwaway trainer on the active backend.
 * `warmed` collects the backends whose kernels a timed step compiled, so their warm-up can be skipped.
 */
export function scratchStepTimer(
  create: () => OwnedScratch,
  now: () => number,
  warmed: Set<string>,
): StepTimer {
  return async (deadline) => {
    const trainer = create();
    try {
      const timing = await timeStep(trainer, deadline, now);
      if (timing.firstMs !== null) warmed.add(tf.getBackend());
      return timing;
    } finally {
      trainer.dispose();
    }
  };
}

/**
 * Warm ms/step on the active backend, for a candidate worker (backendMove.ts): compiles a step (as
 * warmUpBackend does), then on a second throwaway trainer runs one step untimed (uploads, the pipelines
 * the compile-only pass could not foresee) and `steps` timed ones. The median, so one slow step (a
 * garbage collection, the other worker) does not decide.
 */
export async function timeWarmSteps(
  create: () => OwnedScratch,
  steps: number,
  now: () => number,
): Promise<{ compileMs: number; msPerStep: number }> {
  const compileMs = await warmUpOnScratch(create, now);
  const trainer = create();
  try {
    await trainer.trainStep();
    const times: number[] = [];
    for (let i = 0; i < steps; i++) {
      const started = now();
      await trainer.trainStep();
      times.push(now() - started);
    }
    return { compileMs, msPerStep: median(times) };
  } finally {
    trainer.dispose();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
