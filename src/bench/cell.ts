import type { CpcConfig } from '../cpc/config';
import type { KernelCount } from '../cpc/train/kernelProfile';
import type { StepBudget, StopReason } from './budget';
import { afterWarmup, spread, type Spread } from './stats';
import type { WorkloadId } from './workloads';

/** One backend × workload measurement, in the browser's worker or in Node. */
export interface CellSpec extends StepBudget {
  workload: WorkloadId;
  /** Name of the config variant (`--variant`) for A/B runs; '' when there is only one. */
  variant: string;
  backend: string;
  config: CpcConfig;
  /** Synthetic images trained on. */
  imageCount: number;
}

export interface CellResult {
  runtime: 'browser' | 'node';
  workload: WorkloadId;
  variant: string;
  /** The backend asked for, and the one that ran (they differ after a fallback). */
  backend: string;
  ranOn: string;
  /** What the engine said about the backend (device, SIMD, threads). */
  backendDetail: string;
  batchSize: number;
  steps: number;
  stoppedBy: StopReason;
  msPerStep: Spread;
  imagesPerSecond: number;
  /** From `init` to the first step's metrics: backend start, data, warm-up step, model. */
  initToFirstStepMs: number;
  /** The throwaway step that compiles kernels before `ready`. */
  warmupMs: number;
  /** Live tensors after the first step and after the last one. */
  tensorsAfterFirstStep: number;
  tensorsAfterLastStep: number;
  finalLoss: number;
  crossOriginIsolated: boolean | null;
  /** Threads of the wasm backend, as it reported them; null on other backends. */
  wasmThreads: number | null;
  /**
   * Kernels of one training step, counted with tf.profile on an extra step after the timed ones; null
   * when counting failed (the timings still stand).
   */
  kernelsPerStep: KernelCount | null;
}

export interface CellFailure {
  runtime: 'browser' | 'node';
  workload: WorkloadId;
  variant: string;
  backend: string;
  error: string;
}

/** A cell the default run leaves out (see scripts/bench/stepOptions.ts SLOW_CELLS). */
export interface CellSkipped {
  runtime: 'browser' | 'node';
  workload: WorkloadId;
  variant: string;
  backend: string;
  skipped: string;
}

export interface StepLog {
  stepMs: number[];
  lastLoss: number;
  tensorsAfterFirstStep: number;
  tensorsAfterLastStep: number;
}

/** The figures of a finished cell from its raw step log. */
export function summariseCell(
  spec: CellSpec,
  head: Pick<
    CellResult,
    | 'runtime'
    | 'ranOn'
    | 'backendDetail'
    | 'initToFirstStepMs'
    | 'warmupMs'
    | 'crossOriginIsolated'
    | 'stoppedBy'
    | 'kernelsPerStep'
  >,
  log: StepLog,
): CellResult {
  const msPerStep = spread(afterWarmup(log.stepMs));
  return {
    ...head,
    workload: spec.workload,
    variant: spec.variant,
    backend: spec.backend,
    batchSize: spec.config.batchSize,
    steps: log.stepMs.length,
    msPerStep,
    imagesPerSecond: (1000 * spec.config.batchSize) / msPerStep.median,
    tensorsAfterFirstStep: log.tensorsAfterFirstStep,
    tensorsAfterLastStep: log.tensorsAfterLastStep,
    finalLoss: log.lastLoss,
    wasmThreads: head.ranOn === 'wasm' ? wasmThreadsFrom(head.backendDetail) : null,
  };
}

/** The engine reports wasm as "wasm (SIMD, 1 thread)"; null when the text says nothing about threads. */
export function wasmThreadsFrom(detail: string): number | null {
  const match = /(\d+) threads?\b/.exec(detail);
  return match ? Number(match[1]) : null;
}
