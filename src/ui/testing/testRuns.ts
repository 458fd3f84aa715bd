import { DEFAULT_CONFIG } from '../../cpc/config';
import type { MetricsRow } from '../../worker/protocol';
import { appendRows, EMPTY_HISTORY } from '../store/metricsHistory';
import type { SavedRun } from '../keep/savedRun';

/** A step row for tests: loss `loss`, half the predictions right. */
export function testRow(step: number, loss = 2): MetricsRow {
  return {
    step,
    loss,
    accuracy: 0.5,
    ks: [2, 3],
    lossPerK: [loss, loss],
    accuracyPerK: [0.5, 0.5],
    gradNorm: 1,
    learningRate: 1e-3,
    finite: true,
    batchSize: 4,
    stepMs: 5,
  };
}

/** A saved run with a small checkpoint and three steps of curves. */
export function testSavedRun(id: string, updatedAt: number, overrides: Partial<SavedRun> = {}): SavedRun {
  return {
    id,
    name: `run ${id}`,
    dataset: { kind: 'builtin', name: 'mnist' },
    datasetTitle: 'MNIST digits',
    presetId: 'default',
    config: DEFAULT_CONFIG,
    backend: 'wasm',
    step: 3,
    lastProbe: null,
    checkpointBytes: 4,
    storedImagesBytes: 0,
    createdAt: 1,
    updatedAt,
    checkpoint: new Uint8Array([1, 2, 3, 4]),
    history: appendRows(EMPTY_HISTORY, [testRow(1, 3), testRow(2, 2.5), testRow(3, 2)]),
    probeHistory: [],
    ...overrides,
  };
}
