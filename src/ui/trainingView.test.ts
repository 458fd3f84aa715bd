import { describe, expect, it } from 'vitest';
import type { MetricsRow } from '../worker/protocol';
import { INITIAL_VIEW, reduceView, type TrainingView } from './trainingView';

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

describe('reduceView', () => {
  it('shows the last row of a metrics batch and clears it on reset', () => {
    let view: TrainingView = reduceView(INITIAL_VIEW, {
      type: 'ready',
      backend: 'wasm',
      reason: 'r',
      warmupMs: 5,
    });
    expect(view.phase).toBe('ready');
    view = reduceView(view, {
      type: 'metrics',
      rows: [row(1, 2), row(2, 1.5)],
      stepsPerSecond: 100,
      imagesPerSecond: 200,
      memory,
    });
    expect(view).toMatchObject({ step: 2, stepsPerSecond: 100, latest: { loss: 1.5 } });
    view = reduceView(view, { type: 'state', running: false, step: 0 });
    expect(view).toMatchObject({ step: 0, latest: null });
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
});
