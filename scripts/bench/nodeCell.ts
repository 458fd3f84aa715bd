import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { generateSyntheticShapes } from '../../src/cpc/data/synthetic';
import { profileKernels } from '../../src/cpc/train/kernelProfile';
import { CpcTrainer } from '../../src/cpc/train/trainer';
import { stopReason, type StopReason } from '../../src/bench/budget';
import { summariseCell, type CellResult, type CellSpec, type StepLog } from '../../src/bench/cell';
import { initNodeBackend, type NodeBackend } from '../../src/node/nodeBackend';

/**
 * One workload in Node, trained the way the headless runner (src/node/headlessRun.ts) trains: the
 * same CpcTrainer, one `trainStep()` (batch, step, metric read-back) after another. Like the worker,
 * it first runs one throwaway step that compiles kernels, and times from backend start to the first
 * real step's metrics. After the timed steps, one more step runs under tf.profile to count its kernels.
 */
export async function runNodeCell(
  spec: CellSpec,
  /** Starts spec.backend and describes it; wasm or cpu by default (webgpu: scripts/bench/modes/gpu.ts). */
  start: (backend: string) => Promise<StartedBackend> = startNodeBackend,
): Promise<CellResult> {
  const initAt = performance.now();
  const { ranOn, detail } = await start(spec.backend);
  if (ranOn !== spec.backend) throw new Error(`the ${spec.backend} backend did not start (got ${ranOn})`);
  const data = generateSyntheticShapes({
    count: spec.imageCount,
    size: spec.config.imageSize,
    seed: 1,
    channels: spec.config.channels,
  });
  const warmupAt = performance.now();
  const scratch = new CpcTrainer(spec.config, data);
  try {
    await scratch.trainStep();
  } finally {
    scratch.dispose();
  }
  const warmupMs = performance.now() - warmupAt;
  const trainer = new CpcTrainer(spec.config, data);
  try {
    const { log, firstAt, stoppedBy } = await train(trainer, spec);
    const { kernels } = await profileKernels(() => trainer.trainStep());
    return summariseCell(
      spec,
      {
        runtime: 'node',
        ranOn,
        backendDetail: detail,
        initToFirstStepMs: firstAt - initAt,
        warmupMs,
        crossOriginIsolated: null,
        stoppedBy,
        kernelsPerStep: kernels,
      },
      log,
    );
  } finally {
    trainer.dispose();
  }
}

async function train(
  trainer: CpcTrainer,
  spec: CellSpec,
): Promise<{ log: StepLog; firstAt: number; stoppedBy: StopReason }> {
  const log: StepLog = { stepMs: [], lastLoss: NaN, tensorsAfterFirstStep: 0, tensorsAfterLastStep: 0 };
  let firstAt = 0;
  for (;;) {
    const started = performance.now();
    const metrics = await trainer.trainStep();
    const finished = performance.now();
    log.stepMs.push(finished - started);
    log.lastLoss = metrics.loss;
    if (log.stepMs.length === 1) {
      firstAt = finished;
      log.tensorsAfterFirstStep = tf.memory().numTensors;
    }
    const stoppedBy = stopReason(spec, log.stepMs.length, finished - firstAt);
    if (stoppedBy !== null) {
      log.tensorsAfterLastStep = tf.memory().numTensors;
      return { log, firstAt, stoppedBy };
    }
  }
}

export interface StartedBackend {
  ranOn: string;
  /** What the engine says about it, for the JSON (device, SIMD, threads). */
  detail: string;
}

async function startNodeBackend(backend: string): Promise<StartedBackend> {
  const ranOn = await initNodeBackend(backend as NodeBackend);
  return {
    ranOn,
    detail: `${ranOn} in Node ${process.version}${ranOn === 'wasm' ? await wasmDetail() : ''}`,
  };
}

/** Worded like the worker's wasm detail ("wasm (SIMD, 1 thread)"), so the thread count parses alike. */
async function wasmDetail(): Promise<string> {
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'SIMD' : 'no SIMD';
  const threads = getThreadsCount();
  return ` (${simd}, ${threads} thread${threads === 1 ? '' : 's'})`;
}
