import { describe, expect, it } from 'vitest';
import type { MetricsRow } from '../../worker/protocol';
import { INITIAL_VIEW, reduceView, reinitView, type TrainingView } from './trainingView';

const row = (step: number, loss: number): MetricsRow => ({
  step,
  loss,
  accuracy: 0.25,
  ks: [2],
  lossPerK: [loss],
  accuracyPerK: [0.25],
  gradNorm: 1,
  learningRate: 1e-3,
  finite: true,
  batchSize: 2,
  stepMs: 10,
});
const memory = { numTensors: 1, numBytes: 4 };
const dataset = {
  title: 'synthetic',
  trainCount: 8,
  testCount: 0,
  classNames: [],
  classCounts: [],
  loadMs: 1,
};

describe('reduceView', () => {
  it('shows the last row of a metrics batch, sums step time, and clears both on reset', () => {
    let view: TrainingView = reduceView(INITIAL_VIEW, {
      type: 'ready',
      backend: 'wasm',
      reason: 'r',
      warmupMs: 5,
      dataset,
    });
    expect(view).toMatchObject({ phase: 'ready', warmupMs: 5 });
    view = reduceView(view, {
      type: 'metrics',
      rows: [row(1, 2), row(2, 1.5)],
      stepsPerSecond: 100,
      imagesPerSecond: 200,
      memory,
    });
    expect(view).toMatchObject({
      step: 2,
      stepsPerSecond: 100,
      imagesPerSecond: 200,
      trainingMs: 20,
      memory,
      latest: { loss: 1.5 },
    });
    view = reduceView(view, { type: 'state', running: false, step: 0 });
    expect(view).toMatchObject({ step: 0, latest: null, trainingMs: 0 });
  });

  it('keeps an error until training runs again, and marks a crash', () => {
    let view = reduceView(INITIAL_VIEW, { type: 'error', message: 'NaN', recoverable: true });
    view = reduceView(view, { type: 'state', running: false, step: 3 });
    expect(view.error).toBe('NaN');
    view = reduceView(view, { type: 'state', running: true, step: 3 });
    expect(view.error).toBeNull();
    view = reduceView(view, { type: 'crash', message: 'gone' });
    expect(view).toMatchObject({ phase: 'crashed', running: false, crash: 'gone' });
  });

  it('after a recovery shows the new backend, the snapshot step and the message, paused', () => {
    let view = reduceView(INITIAL_VIEW, {
      type: 'ready',
      backend: 'webgpu',
      reason: 'r',
      warmupMs: 1,
      dataset,
    });
    view = reduceView(view, { type: 'state', running: true, step: 12 });
    view = reduceView(view, {
      type: 'recovered',
      backend: 'webgl',
      reason: 'fallback from webgpu',
      step: 10,
      message: 'rebuilt',
    });
    expect(view).toMatchObject({
      phase: 'ready',
      backend: { name: 'webgl', reason: 'fallback from webgpu' },
      running: false,
      step: 10,
      error: 'rebuilt',
    });
  });

  it('shows a move to a faster backend until the GPU is lost, and why a run stayed', () => {
    let view = reduceView(INITIAL_VIEW, { type: 'state', running: true, step: 7 });
    view = reduceView(view, {
      type: 'moved',
      backend: 'webgpu',
      reason: 'moved to WebGPU: 12 ms/step',
      step: 7,
    });
    expect(view).toMatchObject({
      backend: { name: 'webgpu', reason: 'moved to WebGPU: 12 ms/step' },
      running: true,
      step: 7,
      moved: 'moved to WebGPU: 12 ms/step',
    });
    view = reduceView(view, { type: 'recovered', backend: 'wasm', reason: 'r', step: 7, message: 'lost' });
    expect(view).toMatchObject({ backend: { name: 'wasm' }, moved: null });
    view = reduceView(view, { type: 'backend-checked', message: 'stayed on WASM: WebGL took 90' });
    expect(view.stayed).toBe('stayed on WASM: WebGL took 90');
  });

  it('goes back to loading on a re-init but keeps the backend line', () => {
    const ready = reduceView(INITIAL_VIEW, {
      type: 'ready',
      backend: 'cpu',
      reason: 'r',
      warmupMs: 1,
      dataset,
    });
    const view = reinitView({ ...ready, step: 9 });
    expect(view).toMatchObject({ phase: 'loading', step: 0, backend: { name: 'cpu', reason: 'r' } });
  });
});
