import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../cpc/testing/tfTest';
import { tinyConfig } from '../../cpc/testing/tinyConfig';
import { CpcTrainer } from '../../cpc/train/trainer';
import type { WorkerCommand, WorkerEvent } from '../protocol';
import { TrainingSession } from '../trainingSession';

useCpuBackend();

const INIT: WorkerCommand = {
  type: 'init',
  config: tinyConfig({ encoderDepth: 1, encoderHidden: 0, negatives: 3, batchSize: 2 }),
  backend: 'cpu',
  dataset: { kind: 'synthetic', count: 24 },
};
const REQUESTS: WorkerCommand[] = [
  { type: 'request-neighbours', query: 3 },
  { type: 'request-inspection', image: 1, direction: 'down', t: 0, lane: 2 },
  { type: 'request-embedding-map' },
  { type: 'request-evaluation-images' },
];

/**
 * A trainer that counts encoder calls made by anyone else while one of its steps is in flight (between
 * its start and its metrics read-back): the analysis must wait for the step to finish.
 */
function watchedTrainer(overlaps: { count: number }) {
  return (...args: ConstructorParameters<typeof CpcTrainer>) => {
    const trainer = new CpcTrainer(...args);
    let stepping = false;
    let ownForward = false;
    const { trainStep, stepAsync } = trainer;
    const encode = trainer.model.encode.bind(trainer.model);
    trainer.model.encode = (patches, training) => {
      if (stepping && !ownForward) overlaps.count++;
      return encode(patches, training);
    };
    trainer.stepAsync = (batch) => {
      ownForward = true;
      try {
        return stepAsync.call(trainer, batch);
      } finally {
        ownForward = false;
      }
    };
    trainer.trainStep = async (batch) => {
      stepping = true;
      try {
        const metrics = await trainStep.call(trainer, batch);
        // A GPU read-back waits for the device and lets other tasks run meanwhile; cpu's does not.
        await new Promise((resolve) => setTimeout(resolve, 1));
        return metrics;
      } finally {
        stepping = false;
      }
    };
    return trainer;
  };
}

function startSession() {
  const events: WorkerEvent[] = [];
  const overlaps = { count: 0 };
  const session = new TrainingSession({
    post: (event) => events.push(event),
    initBackend: async () => ({ backend: 'cpu', reason: 'test' }),
    recoverBackend: async () => ({ backend: 'cpu', reason: 'test' }),
    createTrainer: watchedTrainer(overlaps),
  });
  const of = <T extends WorkerEvent['type']>(type: T) =>
    events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  const steps = () => of('metrics').flatMap((m) => m.rows.map((r) => r.step));
  return { session, of, steps, overlaps };
}

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('TrainingSession analysis requests', () => {
  it('answers requests between steps while training, snapshots every N steps, and leaks nothing', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const { session, of, steps, overlaps } = startSession();
    await session.handle({ type: 'request-neighbours', query: 0 });
    expect(of('error').at(-1)).toMatchObject({ message: expect.stringContaining('init') });

    await session.handle({ type: 'set-visualisation', everySteps: 2 }); // kept across init
    await session.handle(INIT);
    await session.handle({ type: 'start' });
    await waitFor(() => steps().length >= 1);
    for (const request of REQUESTS) await session.handle(request);
    expect(of('state').at(-1)).toMatchObject({ running: true });
    await waitFor(() => of('snapshot').length >= 2);
    await session.handle({ type: 'request-neighbours', query: 99 });
    await session.handle({ type: 'pause' });
    await session.settled();

    expect(overlaps.count).toBe(0);
    const done = steps();
    expect(done).toEqual(Array.from({ length: done.length }, (_, i) => i + 1));
    for (const type of ['neighbours', 'inspection', 'embedding-map', 'evaluation-images'] as const) {
      expect(of(type)).toHaveLength(1);
    }
    expect(of('neighbours')[0]).toMatchObject({ query: 3, indices: expect.any(Array) });
    expect(of('neighbours')[0].step).toBeGreaterThanOrEqual(1);
    expect(of('inspection')[0].prediction.targets[0]).toMatchObject({ row: 2, col: 2 });
    expect(of('embedding-map')[0].points).toHaveLength(2 * 24); // synthetic: the training images
    expect(of('evaluation-images')[0].source).toBe('training');
    const snapshots = of('snapshot');
    expect(snapshots.every((s) => s.step % 2 === 0 && s.step <= done.length)).toBe(true);
    expect(snapshots.at(-1)!.neighbours.query).toBe(3); // the page's last query
    expect(of('error').at(-1)).toMatchObject({
      recoverable: true,
      message: expect.stringContaining('0..23'),
    });

    const tensorsPaused = tf.memory().numTensors;
    for (const request of [...REQUESTS, { type: 'request-probe' } as const]) await session.handle(request);
    expect(of('probe').at(-1)).toMatchObject({ available: true, testSource: 'training-split' });
    expect(tf.memory().numTensors).toBe(tensorsPaused);

    session.handle({ type: 'step' });
    await session.settled();
    expect(of('state').at(-1)).toEqual({ type: 'state', running: false, step: done.length + 1 });
    await session.handle({ type: 'dispose' });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('keeps the image feature from before init, and refuses an unknown one without ending the run', async () => {
    const { session, of } = startSession();
    await session.handle({ type: 'set-image-feature', feature: 'grid2-z' }); // needs no model
    expect(of('error')).toEqual([]);
    await session.handle(INIT);
    await session.handle({ type: 'request-probe' });
    expect(of('probe').at(-1)).toMatchObject({ available: true, feature: 'grid2-z' });

    await session.handle({ type: 'set-image-feature', feature: 'median' } as unknown as WorkerCommand);
    expect(of('error').at(-1)).toMatchObject({
      recoverable: true,
      message: expect.stringContaining('Unknown image feature'),
    });
    await session.handle({ type: 'request-probe' });
    expect(of('probe').at(-1)).toMatchObject({ available: true, feature: 'grid2-z' });
    await session.handle({ type: 'dispose' });
  });
});

describe('TrainingSession automatic probes', () => {
  it('probes by itself once the page sets a schedule: baselines at ready, every N steps, and on pause', async () => {
    const { session, of, steps, overlaps } = startSession();
    await session.handle(INIT);
    await session.settled();
    expect(of('probe')).toEqual([]); // no schedule: probes on request only

    await session.handle({ type: 'set-probe-schedule', everySteps: 3 });
    await session.settled();
    // A schedule arriving after ready still gives the run its step-0 baselines, where CPC is random init.
    expect(of('probe')).toHaveLength(1);
    const first = of('probe')[0];
    if (!first.available) throw new Error(first.reason);
    expect(first.step).toBe(0);
    expect(first.cpc).toEqual(first.randomInit);

    await session.handle({ type: 'start' });
    await waitFor(() => steps().length >= 7);
    await session.handle({ type: 'pause' });
    await session.settled();
    const done = steps();
    expect(done).toEqual(Array.from({ length: done.length }, (_, i) => i + 1)); // none lost or repeated
    expect(overlaps.count).toBe(0);
    const probed = of('probe').map((p) => p.step);
    const periodic = done.filter((s) => s % 3 === 0);
    const atPause = done.length % 3 === 0 ? [] : [done.length];
    expect(probed).toEqual([0, ...periodic, ...atPause]);
    for (const probe of of('probe')) {
      if (!probe.available) throw new Error(probe.reason);
      // Computed once per run: every probe carries the same baselines.
      expect(probe.randomInit).toEqual(first.randomInit);
      expect(probe.pixels).toEqual(first.pixels);
    }

    // A pause with nothing trained since the last probe adds none; single steps are not pauses.
    await session.handle({ type: 'start' });
    await session.handle({ type: 'pause' });
    await session.handle({ type: 'step' });
    await session.settled();
    const after = of('probe').map((p) => p.step);
    expect(new Set(after).size).toBe(after.length);

    // A reset is a new run at step 0: its baselines again; N = 0 leaves the pause probe only.
    await session.handle({ type: 'set-probe-schedule', everySteps: 0 });
    await session.handle({ type: 'reset' });
    await session.settled();
    expect(of('probe').at(-1)).toMatchObject({ step: 0, available: true });
    const beforeRun = of('probe').length;
    const newSteps = steps().length;
    await session.handle({ type: 'start' });
    await waitFor(() => steps().length - newSteps >= 4);
    await session.handle({ type: 'pause' });
    await session.settled();
    const last = of('state').at(-1)!.step;
    expect(
      of('probe')
        .slice(beforeRun)
        .map((p) => p.step),
    ).toEqual([last]);
    expect(overlaps.count).toBe(0);
    await session.handle({ type: 'dispose' });
  });

  it('a Start right after ready stops the baseline probe: training starts at once, no step is lost, the pause probes', async () => {
    const events: WorkerEvent[] = [];
    const overlaps = { count: 0 };
    const session = new TrainingSession({
      post: (event) => events.push(event),
      initBackend: async () => ({ backend: 'cpu', reason: 'test' }),
      recoverBackend: async () => ({ backend: 'cpu', reason: 'test' }),
      createTrainer: watchedTrainer(overlaps),
    });
    await session.handle({ type: 'set-probe-schedule', everySteps: 0 });
    await session.handle(INIT);
    await session.handle({ type: 'start' });
    await waitFor(() => events.some((e) => e.type === 'metrics'));
    await session.handle({ type: 'pause' });
    await session.settled();
    // The step-0 probe was stopped between two batches of images: no scores of it, and no error.
    expect(events.filter((e) => e.type === 'probe' && e.step === 0)).toEqual([]);
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    const steps = events.flatMap((e) => (e.type === 'metrics' ? e.rows.map((r) => r.step) : []));
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1));
    expect(overlaps.count).toBe(0);
    // The pause probes the trained weights, with the baselines computed then (random init from a fresh model).
    const last = events.filter((e) => e.type === 'state').at(-1);
    const probes = events.filter((e) => e.type === 'probe');
    expect(probes).toHaveLength(1);
    const probe = probes[0];
    if (probe.type !== 'probe' || !probe.available) throw new Error('no probe at the pause');
    expect(probe.step).toBe(last?.type === 'state' ? last.step : -1);
    expect(probe.randomInit.linear).toBeGreaterThan(0);
    expect(probe.pixels.linear).toBeGreaterThan(0);
    await session.handle({ type: 'dispose' });
  });

  it('holds the probes while the page imports: the step-0 baselines wait, and a probe stopped by a hold runs again', async () => {
    const { session, of } = startSession();
    await session.handle({ type: 'set-probe-schedule', everySteps: 0 });
    await session.handle({ type: 'hold-probes', held: true });
    await session.handle(INIT);
    await session.settled();
    expect(of('probe')).toEqual([]);
    await session.handle({ type: 'hold-probes', held: false });
    await session.settled();
    expect(of('probe').map((p) => p.step)).toEqual([0]);

    // A hold that comes while the baselines are being computed stops them between two batches.
    await session.handle({ type: 'reset' });
    await session.handle({ type: 'hold-probes', held: true });
    await session.settled();
    expect(of('probe').map((p) => p.step)).toEqual([0]);
    await session.handle({ type: 'hold-probes', held: false });
    await session.settled();
    expect(of('probe').map((p) => p.step)).toEqual([0, 0]);
    expect(of('error')).toEqual([]);

    // A Step while held: that probe's scores come with the next one, as without a hold.
    await session.handle({ type: 'hold-probes', held: true });
    await session.handle({ type: 'reset' });
    await session.handle({ type: 'step' });
    await session.handle({ type: 'hold-probes', held: false });
    await session.settled();
    expect(of('probe').map((p) => p.step)).toEqual([0, 0]);
    await session.handle({ type: 'dispose' });
  });

  it('reads a hold sent as a new task while the step-0 probe runs, and stops the probe', async () => {
    // On cpu and WASM nothing in a probe waits for a new task: without the probe yielding at its checks,
    // this hold would be read only once the whole probe had run and posted its scores.
    const { session, of } = startSession();
    await session.handle({ type: 'set-probe-schedule', everySteps: 0 });
    const tensorsBefore = tf.memory().numTensors;
    await session.handle(INIT);
    const held = new Promise<void>((resolve) =>
      setTimeout(() => void session.handle({ type: 'hold-probes', held: true }).then(resolve), 0),
    );
    await held;
    await session.settled();
    expect(of('probe')).toEqual([]);
    expect(of('error')).toEqual([]);
    await session.handle({ type: 'hold-probes', held: false });
    await session.settled();
    expect(of('probe').map((p) => p.step)).toEqual([0]);
    await session.handle({ type: 'dispose' });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('waits readyProbeDelayMs before the step-0 probe; a Step within it skips the probe', async () => {
    const events: WorkerEvent[] = [];
    const session = new TrainingSession({
      post: (event) => events.push(event),
      initBackend: async () => ({ backend: 'cpu', reason: 'test' }),
      recoverBackend: async () => ({ backend: 'cpu', reason: 'test' }),
      readyProbeDelayMs: 200,
    });
    await session.handle({ type: 'set-probe-schedule', everySteps: 0 });
    await session.handle(INIT);
    await session.handle({ type: 'step' });
    await session.settled();
    expect(events.filter((e) => e.type === 'probe')).toEqual([]);
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    // Left alone, a new run gets its baselines once the delay is over.
    await session.handle({ type: 'reset' });
    await session.settled();
    expect(events.filter((e) => e.type === 'probe').map((e) => (e.type === 'probe' ? e.step : -1))).toEqual([
      0,
    ]);
    await session.handle({ type: 'dispose' });
  });

  it('refuses a schedule that is not a whole number of steps, leaving the run as it was', async () => {
    const { session, of } = startSession();
    await session.handle(INIT);
    await session.handle({ type: 'set-probe-schedule', everySteps: -2 });
    expect(of('error').at(-1)).toMatchObject({
      recoverable: true,
      message: expect.stringContaining('whole'),
    });
    await session.settled();
    expect(of('probe')).toEqual([]);
    await session.handle({ type: 'dispose' });
  });
});
