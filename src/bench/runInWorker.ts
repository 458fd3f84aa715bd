import type { KernelCount } from '../cpc/train/kernelProfile';
import { TrainingClient } from '../worker/client';
import type { BackendName, WorkerEvent } from '../worker/protocol';
import { stopReason, type StopReason } from './budget';
import { summariseCell, type CellResult, type CellSpec, type StepLog } from './cell';

type Metrics = Extract<WorkerEvent, { type: 'metrics' }>;
type Ready = Extract<WorkerEvent, { type: 'ready' }>;

/**
 * Trains one workload in the real training worker, as the playground does (init → ready → start →
 * metrics… → pause), and measures it from the page: the worker's own per-step wall times (batch,
 * step and metric read-back), time from init to the first metrics, and tf.memory() as it reports it.
 * Then one more step, under tf.profile in the worker, counts the kernels of a step.
 */
export async function runInWorker(spec: CellSpec, timeoutMs: number): Promise<CellResult> {
  const client = new TrainingClient();
  try {
    return await withTimeout(measure(client, spec), timeoutMs, `${spec.backend}/${spec.workload}`);
  } finally {
    client.terminate();
  }
}

async function measure(client: TrainingClient, spec: CellSpec): Promise<CellResult> {
  const failed = failure(client);
  const initAt = performance.now();
  const ready = nextEvent(client, 'ready');
  client.send({
    type: 'init',
    config: spec.config,
    backend: spec.backend as BackendName,
    dataset: { kind: 'synthetic', count: spec.imageCount },
  });
  const readyEvent: Ready = await Promise.race([ready, failed]);
  const training = train(client, spec);
  client.send({ type: 'start' });
  const { log, firstAt, stoppedBy } = await Promise.race([training, failed]);
  const kernelsPerStep = await countKernels(client, failed);
  return summariseCell(
    spec,
    {
      runtime: 'browser',
      ranOn: readyEvent.backend,
      backendDetail: readyEvent.reason,
      initToFirstStepMs: firstAt - initAt,
      warmupMs: readyEvent.warmupMs,
      crossOriginIsolated: self.crossOriginIsolated,
      stoppedBy,
      kernelsPerStep,
    },
    log,
  );
}

/** Collects metrics until the budget says stop, then pauses and waits for the worker to settle. */
function train(
  client: TrainingClient,
  spec: CellSpec,
): Promise<{ log: StepLog; firstAt: number; stoppedBy: StopReason }> {
  return new Promise((resolve) => {
    const log: StepLog = { stepMs: [], lastLoss: NaN, tensorsAfterFirstStep: 0, tensorsAfterLastStep: 0 };
    let firstAt = 0;
    let stoppedBy: StopReason | null = null;
    client.on('metrics', (event: Metrics) => {
      const now = performance.now();
      if (log.stepMs.length === 0) {
        firstAt = now;
        log.tensorsAfterFirstStep = event.memory.numTensors;
      }
      for (const row of event.rows) log.stepMs.push(row.stepMs);
      log.lastLoss = event.rows[event.rows.length - 1].loss;
      log.tensorsAfterLastStep = event.memory.numTensors;
      if (stoppedBy === null) {
        stoppedBy = stopReason(spec, log.stepMs.length, now - firstAt);
        if (stoppedBy !== null) client.send({ type: 'pause' });
      }
    });
    // The state after a pause follows the metrics of every step run before it.
    client.on('state', (event) => {
      if (stoppedBy !== null && !event.running) resolve({ log, firstAt, stoppedBy });
    });
  });
}

/** After the timed steps, so that profiling slows none of them; null when the worker refused. */
async function countKernels(client: TrainingClient, failed: Promise<never>): Promise<KernelCount | null> {
  const counted = nextEvent(client, 'kernel-count');
  const refused = nextEvent(client, 'error').then(() => null);
  client.send({ type: 'count-kernels' });
  const event = await Promise.race([counted, refused, failed]);
  return event?.kernels ?? null;
}

function nextEvent<T extends WorkerEvent['type']>(
  client: TrainingClient,
  type: T,
): Promise<Extract<WorkerEvent, { type: T }>> {
  return new Promise((resolve) => {
    const off = client.on(type, (event) => {
      off();
      resolve(event as Extract<WorkerEvent, { type: T }>);
    });
  });
}

/**
 * Rejects on the first unrecoverable error or crash of the worker, and on a recovery after a GPU fault
 * (the run would wait paused on another backend): its message names the recoverable errors before it.
 */
function failure(client: TrainingClient): Promise<never> {
  const earlier: string[] = [];
  const fail = (message: string) => new Error([message, ...earlier].join(' | earlier: '));
  return new Promise((_, reject) => {
    client.on('error', (event) => {
      if (event.recoverable) earlier.push(event.message);
      else reject(fail(event.message));
    });
    client.on('recovered', (event) =>
      reject(fail(`GPU fault, run rebuilt on ${event.backend}: ${event.message}`)),
    );
    client.on('crash', (event) => reject(fail(`worker crashed: ${event.message}`)));
  });
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
