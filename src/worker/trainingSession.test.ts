import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '../cpc/checkpoint/format';
import { DEFAULT_CONFIG, type CpcConfig, type LiveConfig } from '../cpc/config';
import { SMALLEST_CONFIG_CHANGE } from '../cpc/testing/tinyConfig';
import { CpcTrainer } from '../cpc/train/trainer';
import type { BackendName, WorkerCommand, WorkerEvent } from './protocol';
import { TrainingSession, type SessionDeps, type SessionTrainer } from './trainingSession';

// 3×3 grid of 8 px patches, one step ahead (k = 2), ~1k weights: a step takes tens of ms on cpu.
const TINY: CpcConfig = { ...DEFAULT_CONFIG, ...SMALLEST_CONFIG_CHANGE };
const INIT: WorkerCommand = {
  type: 'init',
  config: TINY,
  backend: 'cpu',
  dataset: { kind: 'synthetic', count: 8 },
};

/**
 * A session on the cpu backend whose fake backend starts as `backends[0]` and, after each device loss,
 * "recovers" onto the next name in the list (tfjs stays on cpu: only the session's view changes).
 */
function startSession(
  createTrainer?: SessionDeps['createTrainer'],
  extra: Partial<SessionDeps> = {},
  backends: BackendName[] = ['cpu'],
) {
  const events: WorkerEvent[] = [];
  const gpu = { fail: (_message: string) => {}, recoveredFrom: [] as BackendName[] };
  let current = 0;
  const session = new TrainingSession({
    post: (event) => events.push(event),
    initBackend: async (_choice, onGpuError) => {
      gpu.fail = onGpuError;
      current = 0;
      return { backend: backends[0], reason: 'test' };
    },
    recoverBackend: async (lost, onGpuError) => {
      gpu.fail = onGpuError;
      gpu.recoveredFrom.push(lost);
      current = Math.min(current + 1, backends.length - 1);
      return { backend: backends[current], reason: `fallback from ${lost}` };
    },
    createTrainer,
    ...extra,
  });
  const of = <T extends WorkerEvent['type']>(type: T) =>
    events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  const steps = () => of('metrics').flatMap((m) => m.rows.map((r) => r.step));
  return { session, events, of, steps, gpu };
}

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('TrainingSession', () => {
  it('warms up before ready, steps exactly once per step command, and frees every tensor on dispose', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const { session, events, of, steps } = startSession();
    await session.handle(INIT);
    expect(events.map((e) => e.type)).toEqual([
      'progress',
      'progress',
      'progress',
      'progress',
      'progress',
      'ready',
      'state',
    ]);
    expect(of('progress').map((p) => p.phase)).toEqual(['backend', 'dataset', 'warmup', 'model', 'model']);
    expect(of('ready')[0]).toMatchObject({ backend: 'cpu', reason: 'test' });
    expect(of('ready')[0].warmupMs).toBeGreaterThan(0);
    expect(of('state').at(-1)).toEqual({ type: 'state', running: false, step: 0 });

    session.handle({ type: 'step' });
    session.handle({ type: 'step' });
    await session.settled();
    expect(steps()).toEqual([1, 2]);
    expect(of('state').at(-1)).toEqual({ type: 'state', running: false, step: 2 });
    const row = of('metrics')[0].rows[0];
    expect(row.batchSize).toBe(2);
    expect(Number.isFinite(row.loss) && row.finite).toBe(true);
    // The cpu backend has no GPU memory to report.
    expect(Object.keys(of('metrics')[0].memory).sort()).toEqual(['numBytes', 'numTensors']);

    await session.handle({ type: 'dispose' });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('counts the kernels of one more step while running, then holds paused after it', async () => {
    const { session, events, of, steps } = startSession();
    await session.handle(INIT);
    session.handle({ type: 'start' });
    await waitFor(() => steps().length >= 2);
    await session.handle({ type: 'count-kernels' });
    await session.settled();
    const [count] = of('kernel-count');
    const last = steps().at(-1);
    expect(count.step).toBe(last);
    expect(count.kernels.total).toBeGreaterThan(100);
    expect(count.kernels.views).toBe(
      (count.kernels.byName.Identity ?? 0) + (count.kernels.byName.Reshape ?? 0),
    );
    // The counted step's metrics come before its count, and the run stays paused after it.
    const order = events.map((e) => e.type);
    expect(order.lastIndexOf('metrics')).toBeLessThan(order.indexOf('kernel-count'));
    expect(of('state').at(-1)).toEqual({ type: 'state', running: false, step: last });
    await session.handle({ type: 'dispose' });
  });

  it('runs on start, holds on pause after the step in flight, and resets to step 0', async () => {
    const { session, of, steps } = startSession();
    await session.handle(INIT);
    await session.handle({ type: 'start' });
    expect(of('state').at(-1)).toMatchObject({ running: true });
    await waitFor(() => steps().length >= 3);
    await session.handle({ type: 'pause' });
    await session.settled();
    const last = of('state').at(-1);
    const stepsAtPause = steps().length;
    expect(last).toEqual({ type: 'state', running: false, step: stepsAtPause });
    expect(steps()).toEqual(Array.from({ length: stepsAtPause }, (_, i) => i + 1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(steps().length).toBe(stepsAtPause);

    await session.handle({ type: 'reset' });
    expect(of('state').at(-1)).toEqual({ type: 'state', running: false, step: 0 });
    await session.handle({ type: 'dispose' });
  });

  it('applies live changes, rejects restart fields as recoverable, and refuses to train before init', async () => {
    const { session, of } = startSession();
    await session.handle({ type: 'start' });
    expect(of('error').at(-1)).toMatchObject({
      recoverable: false,
      message: expect.stringContaining('init'),
    });

    await session.handle(INIT);
    await session.handle({ type: 'set-hyperparameters', change: { learningRate: 0.5 } });
    session.handle({ type: 'step' });
    await session.settled();
    expect(of('metrics')[0].rows[0].learningRate).toBeCloseTo(0.5 / TINY.warmupSteps, 12); // step 0 of warm-up

    await session.handle({ type: 'set-hyperparameters', change: { codeSize: 4 } as LiveConfig }); // the page could send anything
    expect(of('error').at(-1)).toMatchObject({
      recoverable: true,
      message: expect.stringContaining('restart'),
    });
    await session.handle({ type: 'dispose' });
  });

  it('pauses with a recoverable error when a step is not finite', async () => {
    const { session, of, steps } = startSession((config, images) => {
      const trainer = new CpcTrainer(config, images);
      const realStep = trainer.trainStep.bind(trainer);
      trainer.trainStep = async () => {
        const metrics = await realStep();
        return metrics.step === 2 ? { ...metrics, loss: NaN, finite: false } : metrics;
      };
      return trainer;
    });
    await session.handle(INIT);
    await session.handle({ type: 'start' });
    await session.settled();
    expect(steps()).toEqual([1, 2]);
    expect(of('error').at(-1)).toMatchObject({
      recoverable: true,
      message: expect.stringContaining('Learning rate too high?'),
    });
    expect(of('state').at(-1)).toEqual({ type: 'state', running: false, step: 2 });
    await session.handle({ type: 'dispose' });
  });

  it('after a device loss rebuilds the run on the next backend from the last snapshot, paused, without leaks', async () => {
    const tensorsBefore = tf.memory().numTensors;
    // Every trainer's weights after each of its steps, to compare the restored run with.
    const weightsAfterStep = new Map<number, Map<string, Float32Array>>();
    let loseDeviceAfterStep5 = () => {};
    const recording = (trainer: CpcTrainer): CpcTrainer => {
      const realStep = trainer.trainStep.bind(trainer);
      trainer.trainStep = async () => {
        const metrics = await realStep();
        weightsAfterStep.set(metrics.step, decodeCheckpoint(await trainer.saveCheckpoint()).tensors);
        if (metrics.step === 5) loseDeviceAfterStep5();
        return metrics;
      };
      return trainer;
    };
    let restored: SessionTrainer | null = null;
    const { session, of, steps, gpu } = startSession(
      (config, images) => recording(new CpcTrainer(config, images)),
      {
        snapshotEverySteps: 3,
        restoreTrainer: (bytes, images) => {
          restored = recording(CpcTrainer.fromCheckpoint(bytes, images).trainer);
          return restored;
        },
      },
      ['webgpu', 'webgl', 'wasm'],
    );
    loseDeviceAfterStep5 = () => {
      gpu.fail('Device lost: the GPU process crashed');
      gpu.fail('Invalid CommandBuffer'); // later errors of the same fault add nothing
    };
    await session.handle(INIT);
    await session.handle({ type: 'set-hyperparameters', change: { learningRate: 0.5 } });
    await session.handle({ type: 'start' });
    // After the step-3 snapshot, so only the live settings carry it into the rebuilt run.
    await waitFor(() => steps().length >= 4);
    await session.handle({ type: 'set-hyperparameters', change: { learningRate: 0.25 } });
    await waitFor(() => of('recovered').length === 1);
    await session.settled();
    loseDeviceAfterStep5 = () => {};

    // The loop stops after the step in flight (5); snapshots were taken at steps 0 and 3.
    const stepsAtLoss = 5;
    const snapshotStep = 3;
    expect(steps()).toEqual([1, 2, 3, 4, 5]);
    expect(gpu.recoveredFrom).toEqual(['webgpu']);
    expect(of('error')).toEqual([
      { type: 'error', message: expect.stringContaining('GPU process crashed'), recoverable: true },
    ]);
    expect(of('recovered')[0]).toMatchObject({
      backend: 'webgl',
      reason: 'fallback from webgpu',
      step: snapshotStep,
      message: expect.stringMatching(/webgpu failed.*rebuilt on webgl.*step \d+.*paused/s),
    });
    expect(of('state').at(-1)).toEqual({ type: 'state', running: false, step: snapshotStep });
    expect(restored).not.toBeNull();
    expect(restored!.currentConfig.learningRate).toBe(0.25);
    const restoredWeights = decodeCheckpoint(await restored!.saveCheckpoint()).tensors;
    const snapshotWeights = weightsAfterStep.get(snapshotStep)!;
    expect([...restoredWeights.keys()]).toEqual([...snapshotWeights.keys()]);
    for (const [name, values] of snapshotWeights) expect(restoredWeights.get(name)).toEqual(values);
    // And the trainer before the loss had moved on from there, so the rewind is real.
    expect(weightsAfterStep.get(stepsAtLoss)).not.toEqual(snapshotWeights);

    session.handle({ type: 'step' });
    await session.settled();
    expect(of('state').at(-1)).toEqual({ type: 'state', running: false, step: snapshotStep + 1 });

    // A second loss goes on down the walk.
    gpu.fail('lost again');
    await waitFor(() => of('recovered').length === 2);
    expect(gpu.recoveredFrom).toEqual(['webgpu', 'webgl']);
    expect(of('recovered')[1]).toMatchObject({ backend: 'wasm', step: snapshotStep + 1 });

    await session.handle({ type: 'dispose' });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('rejects an invalid config without touching the run', async () => {
    const { session, of } = startSession();
    await session.handle(INIT);
    await session.handle({ ...INIT, config: { ...TINY, kMax: 5 } } as WorkerCommand);
    expect(of('error').at(-1)).toMatchObject({
      recoverable: true,
      message: expect.stringContaining('kMax 5'),
    });
    session.handle({ type: 'step' });
    await session.settled();
    expect(of('state').at(-1)).toEqual({ type: 'state', running: false, step: 1 });
    await session.handle({ type: 'dispose' });
  });
});
