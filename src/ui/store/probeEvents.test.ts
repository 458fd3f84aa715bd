import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import { testRow } from '../testing/testRuns';
import type { WorkerCommand, WorkerEvent } from '../../worker/protocol';
import { createPlaygroundStore } from './playgroundStore';
import { DEFAULT_PROBE_EVERY } from './probeScheduleSlice';

const dataset = { kind: 'synthetic', count: 8 } as const;
const info = { title: 's', trainCount: 8, testCount: 0, classNames: [], classCounts: [], loadMs: 1 };
const scores = (linear: number) => ({ linear, knn: linear });

function probe(step: number, cpc: number): Extract<WorkerEvent, { type: 'probe' }> {
  return {
    type: 'probe',
    step,
    available: true,
    feature: 'grid3-z',
    cpc: scores(cpc),
    randomInit: scores(0.3),
    pixels: scores(0.4),
    features: { 'grid3-z': { cpc: scores(cpc), randomInit: scores(0.3) } },
    trainImages: 6,
    testImages: 2,
    testSource: 'training-split',
    durationMs: 5,
  };
}

function readyStore() {
  const sent: WorkerCommand[] = [];
  const store = createPlaygroundStore({ config: DEFAULT_CONFIG, backend: 'wasm', dataset });
  store.getState().connect({ send: (command) => void sent.push(command), on: () => () => true });
  store.getState().handleEvent({ type: 'ready', backend: 'wasm', reason: 'r', warmupMs: 1, dataset: info });
  store.getState().handleEvent({ type: 'state', running: false, step: 0 });
  return { store, sent };
}

describe('automatic probes in the store', () => {
  it('keeps the step-0 baseline through Start (a state at step 0) and drops it only on a reset', () => {
    const { store } = readyStore();
    store.getState().handleEvent(probe(0, 0.3));
    store.getState().handleEvent({ type: 'state', running: true, step: 0 });
    expect(store.getState().probeHistory.map((p) => p.step)).toEqual([0]);
    expect(store.getState().lastProbe).toMatchObject({ step: 0, trainImages: 6 });

    const memory = { numTensors: 1, numBytes: 1 };
    const rows = [testRow(3)];
    store.getState().handleEvent({ type: 'metrics', rows, stepsPerSecond: 1, imagesPerSecond: 1, memory });
    store.getState().handleEvent(probe(3, 0.6));
    expect(store.getState().probeHistory.map((p) => p.step)).toEqual([0, 3]);
    expect(store.getState().lastProbe?.cpc.linear).toBe(0.6);

    store.getState().handleEvent({ type: 'state', running: false, step: 0 });
    expect(store.getState().probeHistory).toEqual([]);
  });

  it("forgets the last run's probe when a new model is ready", () => {
    const { store } = readyStore();
    store.getState().handleEvent(probe(0, 0.3));
    store.getState().handleEvent({ type: 'ready', backend: 'wasm', reason: 'r', warmupMs: 1, dataset: info });
    expect(store.getState().lastProbe).toBeNull();
  });

  it('keeps a whole-step probe rate and refuses anything else', () => {
    const { store } = readyStore();
    expect(store.getState().probeEvery).toBe(DEFAULT_PROBE_EVERY);
    store.getState().setProbeEvery(0);
    expect(store.getState().probeEvery).toBe(0);
    store.getState().setProbeEvery(2.5);
    store.getState().setProbeEvery(-1);
    expect(store.getState().probeEvery).toBe(0);
  });
});
