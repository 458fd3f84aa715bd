import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type CpcConfig } from '../cpc/config';
import { SMALLEST_CONFIG_CHANGE } from '../cpc/testing/tinyConfig';
import type { GpuBackendName, WorkerCommand, WorkerEvent } from './protocol';
import { TrainingSession } from './trainingSession';

const TINY: CpcConfig = { ...DEFAULT_CONFIG, ...SMALLEST_CONFIG_CHANGE };
const DATASET = { kind: 'synthetic', count: 8 } as const;
const INIT: WorkerCommand = { type: 'init', config: TINY, backend: 'cpu', dataset: DATASET };
const TIME: WorkerCommand = {
  type: 'time-backend',
  config: TINY,
  dataset: DATASET,
  candidates: ['webgpu', 'webgl'],
  softwareGpuCounts: false,
  steps: 2,
};

/**
 * A session on tfjs's cpu backend. As a candidate it "starts" `gpu` (tfjs stays on cpu: only the session's
 * view changes), so a run handed from one session to another must go on exactly as if it had stayed.
 */
function startSession(gpu: GpuBackendName | null = 'webgpu') {
  const events: WorkerEvent[] = [];
  const transfers: Transferable[][] = [];
  const recoveredOn: string[] = [];
  let fail = (_message: string) => {};
  const session = new TrainingSession({
    post: (event, transfer = []) => {
      events.push(event);
      transfers.push(transfer);
    },
    initBackend: async (choice, onGpuError) => {
      fail = onGpuError;
      recoveredOn.push(choice);
      return { backend: choice === 'auto' ? 'cpu' : choice, reason: 'test' };
    },
    recoverBackend: async (lost) => ({ backend: lost, reason: 'fresh device' }),
    startCandidate: async (candidates, _software, onGpuError) => {
      fail = onGpuError;
      return gpu && candidates.includes(gpu)
        ? { backend: gpu, reason: `${gpu} on a fake GPU` }
        : { skipped: 'no GPU here' };
    },
  });
  const of = <T extends WorkerEvent['type']>(type: T) =>
    events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  const losses = () => of('metrics').flatMap((m) => m.rows.map((r) => [r.step, r.loss] as const));
  return { session, events, transfers, of, losses, loseGpu: (m: string) => fail(m), recoveredOn };
}

async function steps(session: TrainingSession, count: number): Promise<void> {
  for (let i = 0; i < count; i++) session.handle({ type: 'step' });
  await session.settled();
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('moving a run between workers', () => {
  it('goes on step for step: the losses after the move are those of a run that stayed', async () => {
    const stayed = startSession();
    await stayed.session.handle(INIT);
    await steps(stayed.session, 5);

    const from = startSession();
    await from.session.handle(INIT);
    await steps(from.session, 3);
    const to = startSession();
    await to.session.handle(TIME);
    const timed = to.of('backend-timed')[0];
    expect(timed).toMatchObject({ backend: 'webgpu', note: expect.stringContaining('fake GPU') });
    expect(timed.msPerStep).toBeGreaterThan(0);

    await from.session.handle({ type: 'hand-over', requestId: 7 });
    const handed = from.of('handed-over')[0];
    expect(handed).toMatchObject({ requestId: 7, step: 3, running: false, untilStep: null, queuedSteps: 0 });
    expect(from.transfers.at(-1)).toEqual([handed.checkpoint.buffer]);
    // The old worker says nothing more about the run (the page hears the new one).
    expect(from.events.at(-1)?.type).toBe('handed-over');

    const { checkpoint, running, untilStep, queuedSteps } = handed;
    const takeOver = {
      checkpoint,
      running,
      untilStep,
      queuedSteps,
      reason: 'faster',
      fallback: 'cpu',
    } as const;
    await to.session.handle({ type: 'take-over', ...takeOver });
    expect(to.of('moved')[0]).toEqual({ type: 'moved', backend: 'webgpu', reason: 'faster', step: 3 });
    expect(to.of('state').at(-1)).toEqual({ type: 'state', running: false, step: 3 });
    await steps(to.session, 2);

    const moved = [...from.losses(), ...to.losses()];
    expect(moved.map(([step]) => step)).toEqual([1, 2, 3, 4, 5]);
    expect(moved).toEqual(stayed.losses());
    for (const { session } of [stayed, from, to]) await session.handle({ type: 'dispose' });
  });

  it('hands over a running run as running, and the new worker goes on until its step limit', async () => {
    const from = startSession();
    await from.session.handle(INIT);
    await from.session.handle({ type: 'start', untilStep: 40 });
    const to = startSession();
    await to.session.handle(TIME);
    await from.session.handle({ type: 'hand-over', requestId: 1 });
    const handed = from.of('handed-over')[0];
    expect(handed).toMatchObject({ running: true, untilStep: 40 });
    expect(handed.step).toBeGreaterThan(0);
    expect(from.of('state').at(-1)).toMatchObject({ running: true });

    const { checkpoint, running, untilStep, queuedSteps } = handed;
    await to.session.handle({
      type: 'take-over',
      ...{ checkpoint, running, untilStep, queuedSteps, reason: 'faster', fallback: 'cpu' },
    });
    expect(to.of('state')[0]).toEqual({ type: 'state', running: true, step: handed.step });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await to.session.handle({ type: 'pause' });
    await to.session.settled();
    const all = [...from.losses(), ...to.losses()].map(([step]) => step);
    // No step lost or repeated across the move.
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    for (const { session } of [from, to]) await session.handle({ type: 'dispose' });
  });

  it('reports when no GPU could be timed, and refuses a take-over without a timed backend', async () => {
    const none = startSession(null);
    await none.session.handle(TIME);
    expect(none.of('backend-timed')[0]).toEqual({
      type: 'backend-timed',
      backend: null,
      msPerStep: null,
      warmupMs: 0,
      note: 'not timed (no GPU here)',
    });
    const checkpoint = new Uint8Array(4);
    await none.session.handle({
      type: 'take-over',
      ...{ checkpoint, running: false, untilStep: null, queuedSteps: 0, reason: '', fallback: 'wasm' },
    });
    expect(none.of('error')[0].message).toContain('send time-backend first');
    // A hand-over is always answered by its id, even without a run.
    await none.session.handle({ type: 'hand-over', requestId: 3 });
    expect(none.of('request-failed')[0]).toEqual({
      type: 'request-failed',
      requestId: 3,
      message: 'No run to hand over.',
    });
  });

  it('a moved run that loses its GPU is rebuilt on the backend it came from', async () => {
    const from = startSession();
    await from.session.handle(INIT);
    await steps(from.session, 2);
    const to = startSession();
    await to.session.handle(TIME);
    await from.session.handle({ type: 'hand-over', requestId: 1 });
    const { checkpoint, running, untilStep, queuedSteps } = from.of('handed-over')[0];
    await to.session.handle({
      type: 'take-over',
      ...{ checkpoint, running, untilStep, queuedSteps, reason: 'faster', fallback: 'wasm' },
    });
    to.loseGpu('The WebGPU device was lost (destroyed).');
    await to.session.settled();
    expect(to.of('recovered')[0]).toMatchObject({ backend: 'wasm', step: 2 });
    expect(to.recoveredOn).toEqual(['wasm']);
    await steps(to.session, 1);
    expect(to.losses().map(([step]) => step)).toEqual([3]);
    for (const { session } of [from, to]) await session.handle({ type: 'dispose' });
  });
});
