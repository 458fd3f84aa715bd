import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type CpcConfig } from '../cpc/config';
import { SMALLEST_CONFIG_CHANGE } from '../cpc/testing/tinyConfig';
import { CpcTrainer } from '../cpc/train/trainer';
import type { WorkerCommand, WorkerEvent } from './protocol';
import { TrainingSession, type SessionDeps } from './trainingSession';

const INIT: WorkerCommand = {
  type: 'init',
  config: { ...DEFAULT_CONFIG, ...SMALLEST_CONFIG_CHANGE } as CpcConfig,
  backend: 'cpu',
  dataset: { kind: 'synthetic', count: 8 },
};

/** A cpu session whose trainer counts the steps it began (whether or not they finished). */
function startSession(closeWorker?: SessionDeps['closeWorker']) {
  const events: WorkerEvent[] = [];
  const begun = { steps: 0 };
  const session = new TrainingSession({
    post: (event) => events.push(event),
    initBackend: async () => ({ backend: 'cpu', reason: 'test' }),
    recoverBackend: async () => ({ backend: 'cpu', reason: 'test' }),
    createTrainer: (config, images) => {
      const trainer = new CpcTrainer(config, images);
      const trainStep = trainer.trainStep.bind(trainer);
      trainer.trainStep = () => {
        begun.steps++;
        return trainStep();
      };
      return trainer;
    },
    closeWorker,
  });
  const steps = () => events.flatMap((e) => (e.type === 'metrics' ? e.rows.map((row) => row.step) : []));
  return { session, events, steps, begun };
}

const waitFor = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('simulate-worker-death', () => {
  it('closes the worker with the next step begun and says nothing more', async () => {
    let closed = 0;
    const { session, events, steps, begun } = startSession(() => closed++);
    await session.handle(INIT);
    await session.handle({ type: 'step' });
    await session.settled();
    await session.handle({ type: 'simulate-worker-death' });
    expect(closed).toBe(0);
    const eventsBefore = events.length;
    const stepsBefore = begun.steps;

    void session.handle({ type: 'start' });
    await waitFor(() => closed === 1);
    // Time for a finished step to be reported, were it not cut off.
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(begun.steps).toBe(stepsBefore + 1);
    expect(steps()).toEqual([1]);
    expect(events.slice(eventsBefore)).toEqual([{ type: 'state', running: true, step: 1 }]);
  });

  it('is refused with a message where the worker cannot end itself, and the run goes on', async () => {
    const { session, events, steps } = startSession();
    await session.handle(INIT);
    await session.handle({ type: 'simulate-worker-death' });
    expect(events.at(-1)).toEqual({
      type: 'error',
      message: 'This worker cannot end itself.',
      recoverable: true,
    });
    await session.handle({ type: 'step' });
    await session.settled();
    expect(steps()).toEqual([1]);
  });
});
