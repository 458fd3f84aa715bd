import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from '../../cpc/checkpoint/format';
import { embedImages } from '../../cpc/model/embed';
import { CpcModel } from '../../cpc/model/cpcModel';
import { DEFAULT_IMAGE_FEATURE, imageFeatureDim } from '../../cpc/model/imageFeatures';
import { generateSyntheticShapes } from '../../cpc/data/synthetic';
import { maxAbsDiff } from '../../cpc/testing/tfTest';
import { tinyConfig } from '../../cpc/testing/tinyConfig';
import type { WorkerCommand, WorkerEvent } from '../protocol';
import { TrainingSession } from '../trainingSession';
import { ENCODER_WEIGHTS_FILE, handleKeepCommand, type KeptTrainer } from './sessionKeep';

const CONFIG = tinyConfig();
const INIT: WorkerCommand = {
  type: 'init',
  config: CONFIG,
  backend: 'cpu',
  dataset: { kind: 'synthetic', count: 8 },
};

function startSession() {
  const events: WorkerEvent[] = [];
  const session = new TrainingSession({
    post: (event) => events.push(event),
    initBackend: async () => ({ backend: 'cpu', reason: 'test' }),
    recoverBackend: async () => ({ backend: 'cpu', reason: 'test' }),
  });
  const of = <T extends WorkerEvent['type']>(type: T) =>
    events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  const losses = () => of('metrics').flatMap((m) => m.rows.map((r) => [r.step, r.loss] as const));
  return { session, events, of, losses };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('keeping a run', () => {
  it('start with untilStep pauses by itself at that step', async () => {
    const { session, of, losses } = startSession();
    await session.handle(INIT);
    await session.handle({ type: 'start', untilStep: 3 });
    await session.settled();
    expect(losses().map(([step]) => step)).toEqual([1, 2, 3]);
    expect(of('state').at(-1)).toEqual({ type: 'state', running: false, step: 3 });
    // Already there: a second start with the same limit does not step.
    await session.handle({ type: 'start', untilStep: 3 });
    await session.settled();
    expect(losses()).toHaveLength(3);
    await session.handle({ type: 'dispose' });
  });

  it('a saved checkpoint resumes in a fresh session exactly where the run was', async () => {
    const original = startSession();
    await original.session.handle(INIT);
    await original.session.handle({ type: 'start', untilStep: 3 });
    await original.session.settled();
    await original.session.handle({ type: 'save-checkpoint', requestId: 7, extra: { note: 'hi' } });
    const saved = original.of('checkpoint')[0];
    expect(saved).toMatchObject({ type: 'checkpoint', requestId: 7, step: 3 });
    expect(saved.saveMs).toBeGreaterThanOrEqual(0);
    expect(decodeCheckpoint(saved.bytes).manifest).toMatchObject({ step: 3, extra: { note: 'hi' } });
    original.session.handle({ type: 'step' });
    await original.session.settled();
    const [step4, loss4] = original.losses().at(-1) as readonly [number, number];
    expect(step4).toBe(4);

    const resumed = startSession();
    await resumed.session.handle({
      type: 'resume',
      checkpoint: saved.bytes,
      backend: 'cpu',
      dataset: { kind: 'synthetic', count: 8 },
    });
    const order = resumed.events.map((e) => e.type).filter((t) => t !== 'progress');
    expect(order).toEqual(['ready', 'resumed', 'state']);
    expect(resumed.of('resumed')[0]).toEqual({
      type: 'resumed',
      step: 3,
      config: CONFIG,
      extra: { note: 'hi' },
    });
    expect(resumed.of('state').at(-1)).toEqual({ type: 'state', running: false, step: 3 });
    resumed.session.handle({ type: 'step' });
    await resumed.session.settled();
    // Same weights, optimizer state and seeded streams: the next step is the step the original took.
    expect(resumed.losses()).toEqual([[4, loss4]]);
    await original.session.handle({ type: 'dispose' });
    await resumed.session.handle({ type: 'dispose' });
  });

  it('a checkpoint that holds a probe at its step is not probed again when resumed; one without is', async () => {
    const dataset = { kind: 'synthetic', count: 24 } as const;
    const original = startSession();
    await original.session.handle({ ...INIT, dataset });
    await original.session.handle({ type: 'start', untilStep: 2 });
    await original.session.settled();
    const scores = { linear: 0.775, knn: 0.764 };
    const probed = { step: 2, feature: 'grid3-z', cpc: scores, randomInit: scores, pixels: scores };
    await original.session.handle({
      type: 'save-checkpoint',
      requestId: 1,
      extra: { probeHistory: [probed] },
    });
    await original.session.handle({ type: 'save-checkpoint', requestId: 2, extra: { probeHistory: [] } });
    const [withProbe, without] = original.of('checkpoint').map((c) => c.bytes);
    await original.session.handle({ type: 'dispose' });

    const probesWhenResumed = async (checkpoint: Uint8Array) => {
      const resumed = startSession();
      await resumed.session.handle({ type: 'set-probe-schedule', everySteps: 0 });
      await resumed.session.handle({ type: 'resume', checkpoint, backend: 'cpu', dataset });
      await resumed.session.settled();
      const steps = resumed.of('probe').map((p) => p.step);
      await resumed.session.handle({ type: 'dispose' });
      return steps;
    };
    // train.py's final probe (or a pause's) stays the run's record at that step...
    expect(await probesWhenResumed(withProbe)).toEqual([]);
    // ...while a run saved without one gets its probe, with the baselines, as soon as it is ready.
    expect(await probesWhenResumed(without)).toEqual([2]);
  });

  it('a corrupt or mismatched checkpoint is refused and the current run goes on', async () => {
    const { session, of, losses } = startSession();
    await session.handle(INIT);
    const resume = (checkpoint: Uint8Array) =>
      session.handle({
        type: 'resume',
        checkpoint,
        backend: 'cpu',
        dataset: { kind: 'synthetic', count: 8 },
      });
    await resume(new TextEncoder().encode('not a zip'));
    expect(of('error').at(-1)).toMatchObject({
      recoverable: true,
      message: expect.stringMatching(/cannot be loaded.*not a zip/),
    });
    // A real checkpoint of another architecture, labelled with this config: its tensors do not fit.
    const other = startSession();
    await other.session.handle({ ...INIT, config: tinyConfig({ context: 'lstm' }) } as WorkerCommand);
    await other.session.handle({ type: 'save-checkpoint', requestId: 1, extra: {} });
    const lstm = decodeCheckpoint(other.of('checkpoint')[0].bytes);
    await other.session.handle({ type: 'dispose' });
    const mislabelled = encodeCheckpoint({
      config: CONFIG,
      step: 0,
      tensors: [...lstm.tensors].map(([name, values]) => ({ name, values, shape: [values.length] })),
    });
    await resume(mislabelled);
    expect(of('error').at(-1)).toMatchObject({
      recoverable: true,
      message: expect.stringMatching(/expects/),
    });
    expect(of('ready')).toHaveLength(1);
    session.handle({ type: 'step' });
    await session.settled();
    expect(losses().map(([step]) => step)).toEqual([1]);
    await session.handle({ type: 'dispose' });
  });

  it('embeds every image with the selected feature and exports the encoder, without leaking tensors', async () => {
    const { session, of } = startSession();
    await session.handle(INIT);
    const before = tf.memory().numTensors;
    await session.handle({ type: 'request-embeddings', requestId: 3 });
    const embeddings = of('embeddings')[0];
    const model = new CpcModel(CONFIG); // the run at step 0: same config, same seed, same weights
    const gridDim = imageFeatureDim(model, DEFAULT_IMAGE_FEATURE);
    expect(embeddings.dim).toBe(gridDim);
    expect(embeddings.vectors).toHaveLength(8 * gridDim);
    expect(embeddings.names).toEqual(Array.from({ length: 8 }, (_, i) => `train-000${i}`));
    expect(embeddings.split).toEqual(Array(8).fill('train'));
    expect(embeddings.vectors.every(Number.isFinite)).toBe(true);

    await session.handle({ type: 'set-image-feature', feature: 'mean-z' });
    await session.handle({ type: 'request-embeddings', requestId: 5 });
    const mean = of('embeddings')[1];
    expect(mean).toMatchObject({ requestId: 5, dim: CONFIG.codeSize });
    const images = generateSyntheticShapes({
      count: 8,
      size: CONFIG.imageSize,
      seed: CONFIG.seed,
      channels: CONFIG.channels,
    });
    expect(maxAbsDiff(mean.vectors, await embedImages(model, images, 'mean-z'))).toBeLessThan(1e-5);
    model.dispose();

    await session.handle({ type: 'export-encoder', requestId: 4 });
    const exported = of('encoder-export')[0];
    expect(exported).toMatchObject({ requestId: 4, step: 0, weightsFileName: ENCODER_WEIGHTS_FILE });
    const json = JSON.parse(exported.modelJson) as { weightsManifest: { paths: string[] }[] };
    expect(json.weightsManifest[0].paths).toEqual([`./${ENCODER_WEIGHTS_FILE}`]);
    expect(exported.weights.byteLength).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    await session.handle({ type: 'dispose' });
  });

  it('a request that fails is answered with request-failed under its id', async () => {
    const events: WorkerEvent[] = [];
    const failing = {
      step: 5,
      saveCheckpoint: () => Promise.reject(new Error('disk on fire')),
    } as unknown as KeptTrainer;
    await handleKeepCommand(
      { type: 'save-checkpoint', requestId: 9, extra: {} },
      failing,
      {
        train: { pixels: new Uint8Array(0), count: 0, size: 1, channels: 1, labels: null, classNames: [] },
        test: null,
      },
      'mean-z',
      (event) => events.push(event),
    );
    expect(events).toEqual([{ type: 'request-failed', requestId: 9, message: 'disk on fire' }]);
  });
});
