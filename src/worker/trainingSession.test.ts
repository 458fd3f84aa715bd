import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type CpcConfig, type LiveConfig } from '../cpc/config';
import { CpcTrainer } from '../cpc/train/trainer';
import type { WorkerCommand, WorkerEvent } from './protocol';
import { TrainingSession, type SessionDeps } from './trainingSession';

// 3×3 grid of 8 px patches, one step ahead (k = 2), ~1k weights: a step takes tens of ms on cpu.
const TINY: CpcConfig = {
  ...DEFAULT_CONFIG,
  batchSize: 2,
  imageSize: 16,
  patchSize: 8,
  patchStride: 4,
  encoderWidth: 4,
  encoderDepth: 1,
  encoderHidden: 0,
  codeSize: 8,
  contextHidden: 8,
  kMax: 2,
  negatives: 3,
};
const INIT: WorkerCommand = {
  type: 'init',
  config: TINY,
  backend: 'cpu',
  dataset: { kind: 'synthetic', count: 8 },
};

function startSession(createTrainer?: SessionDeps['createTrainer']) {
  const events: WorkerEvent[] = [];
  const gpu = { fail: (_message: string) => {} };
  const session = new TrainingSession({
    post: (event) => events.push(event),
    initBackend: async (_choice, onGpuError) => {
      gpu.fail = onGpuError;
      return { backend: 'cpu', reason: 'test' };
    },
    createTrainer,
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

    await session.handle({ type: 'dispose' });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
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

  it('stops on the first GPU error, posts it once and refuses to train until the next init', async () => {
    const { session, of, steps, gpu } = startSession();
    await session.handle(INIT);
    await session.handle({ type: 'start' });
    await waitFor(() => steps().length >= 1);
    gpu.fail('Invalid CommandBuffer');
    gpu.fail('Invalid CommandBuffer');
    await session.settled();
    expect(of('error')).toEqual([
      { type: 'error', message: expect.stringContaining('Invalid CommandBuffer'), recoverable: false },
    ]);
    expect(of('state').at(-1)).toMatchObject({ running: false });
    const stepsAtFault = steps().length;
    await session.handle({ type: 'step' });
    await session.settled();
    expect(steps().length).toBe(stepsAtFault);
    expect(of('error')).toHaveLength(2);
    expect(of('error')[1]).toMatchObject({
      recoverable: false,
      message: expect.stringContaining('until the next init'),
    });
    await session.handle(INIT);
    session.handle({ type: 'step' });
    await session.settled();
    expect(of('state').at(-1)).toEqual({ type: 'state', running: false, step: 1 });
    await session.handle({ type: 'dispose' });
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
