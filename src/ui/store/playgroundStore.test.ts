import { testRow } from '../testing/testRuns';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import { presetById } from '../../cpc/presets';
import type { WorkerCommand, MetricsRow } from '../../worker/protocol';
import { datasetStatusOf } from './datasetStatus';
import { createPlaygroundStore } from './playgroundStore';
import { bytesOf } from '../../cpc/testing/bytesOf';

const dataset = { kind: 'synthetic', count: 8 } as const;
const info = { title: 's', trainCount: 8, testCount: 0, classNames: [], classCounts: [], loadMs: 1 };

function connectedStore() {
  const sent: WorkerCommand[] = [];
  const transfers: Transferable[][] = [];
  const store = createPlaygroundStore({ config: DEFAULT_CONFIG, backend: 'wasm', dataset });
  const send = (command: WorkerCommand, transfer: Transferable[] = []) => {
    sent.push(command);
    transfers.push(transfer);
  };
  store.getState().connect({ send, on: () => () => true });
  store.getState().handleEvent({ type: 'ready', backend: 'wasm', reason: 'r', warmupMs: 1, dataset: info });
  store.getState().handleEvent({ type: 'state', running: false, step: 0 });
  return { store, sent, transfers };
}

const row = (step: number): MetricsRow => testRow(step);

describe('playground store', () => {
  it('sends init with the applied config on connect', () => {
    const { sent, transfers } = connectedStore();
    expect(sent).toEqual([{ type: 'init', config: DEFAULT_CONFIG, backend: 'wasm', dataset }]);
    expect(transfers).toEqual([[]]);
  });

  it('sends a live change at once and only the fields that changed', () => {
    const { store, sent } = connectedStore();
    store.getState().setDraftField('learningRate', 0.01);
    store.getState().commitLiveChanges();
    expect(sent.at(-1)).toEqual({ type: 'set-hyperparameters', change: { learningRate: 0.01 } });
    expect(store.getState().appliedConfig.learningRate).toBe(0.01);
    store.getState().commitLiveChanges();
    expect(sent).toHaveLength(2);
  });

  it('refuses a live change the run cannot take, without sending it', () => {
    const { store, sent } = connectedStore();
    // 28 px, 8 px patches at stride 4: 6×6 = 36 patches per image, so batch 1 holds 35 other patches.
    store.getState().setDraftField('batchSize', 1);
    store.getState().setDraftField('negatives', 100);
    store.getState().commitLiveChanges();
    expect(sent).toHaveLength(1);
    expect(store.getState().liveChangeError).toMatch(/100 negatives asked for/);
  });

  it('holds a restart change until confirmed, then re-inits and clears the charts', () => {
    const { store, sent } = connectedStore();
    store.getState().handleEvent({
      type: 'metrics',
      rows: [row(1), row(2)],
      stepsPerSecond: 1,
      imagesPerSecond: 4,
      memory: { numTensors: 1, numBytes: 1 },
    });
    store.getState().setDraftField('codeSize', 32);
    store.getState().commitLiveChanges();
    store.getState().start();
    expect(sent).toHaveLength(1);
    store.getState().confirmRebuild();
    expect(sent.at(-1)).toMatchObject({ type: 'init', config: { codeSize: 32 } });
    expect(store.getState().run).toMatchObject({ phase: 'loading', step: 0 });
    expect(store.getState().history.totalRows).toBe(0);
  });

  it('reverts restart fields only, keeping live edits', () => {
    const { store } = connectedStore();
    store.getState().setDraftField('codeSize', 32);
    store.getState().setDraftField('learningRate', 0.01);
    store.getState().revertRestartChanges();
    expect(store.getState().draftConfig).toEqual({ ...DEFAULT_CONFIG, learningRate: 0.01 });
  });

  it('applies a preset in one go: live fields go out, then the model is rebuilt with it', () => {
    const { store, sent } = connectedStore();
    store.getState().choosePreset('keras-cpc');
    const keras = presetById('keras-cpc').config;
    expect(store.getState().draftConfig).toEqual(keras);
    expect(store.getState().appliedConfig).toEqual(keras);
    expect(store.getState().presetId).toBe('keras-cpc');
    expect(sent.at(-2)).toMatchObject({
      type: 'set-hyperparameters',
      change: { batchSize: 32, learningRate: 1e-3, warmupSteps: 0, schedule: 'constant', augJitter: 0 },
    });
    expect(sent.at(-1)).toEqual({ type: 'init', config: keras, backend: 'wasm', dataset });
    expect(store.getState().run).toMatchObject({ phase: 'loading', step: 0 });
  });

  it('sends no re-init for a preset that changes live fields only', () => {
    const { store, sent } = connectedStore();
    store.getState().choosePreset('default');
    expect(sent).toHaveLength(1);
  });

  it('starts only when ready and the draft is valid', () => {
    const { store, sent } = connectedStore();
    store.getState().setFieldError('patchSize', 'not an integer');
    store.getState().start();
    expect(sent).toHaveLength(1);
    store.getState().setFieldError('patchSize', null);
    store.getState().start();
    expect(sent.at(-1)).toEqual({ type: 'start' });
  });

  it('appends metrics to the history and empties it when the step count returns to 0', () => {
    const { store } = connectedStore();
    const memory = { numTensors: 1, numBytes: 1 };
    store
      .getState()
      .handleEvent({ type: 'metrics', rows: [row(1)], stepsPerSecond: 1, imagesPerSecond: 4, memory });
    store
      .getState()
      .handleEvent({ type: 'metrics', rows: [row(2)], stepsPerSecond: 1, imagesPerSecond: 4, memory });
    expect(store.getState().history.totalRows).toBe(2);
    expect(store.getState().run.step).toBe(2);
    store.getState().handleEvent({ type: 'state', running: false, step: 0 });
    expect(store.getState().history.totalRows).toBe(0);
  });

  it('re-inits on a new dataset, transferring a copy of imported pixels', () => {
    const { store, sent, transfers } = connectedStore();
    const pixels = new Uint8Array([1, 2, 3, 4]);
    const set = { pixels, count: 1, size: 2, channels: 1 as const, labels: null, classNames: [] };
    store.getState().setDataset({ kind: 'images', name: 'mine', set });
    const init = sent.at(-1) as Extract<WorkerCommand, { type: 'init' }>;
    expect(init.type).toBe('init');
    expect(transfers.at(-1)).toHaveLength(1);
    expect(transfers.at(-1)?.[0]).not.toBe(pixels.buffer);
    expect(store.getState().run.phase).toBe('loading');
  });

  it('after a crash, a fresh worker gets the same init: applied config, backend and imported set', () => {
    const { store, sent, transfers } = connectedStore();
    const pixels = new Uint8Array([1, 2, 3, 4]);
    const set = { pixels, count: 1, size: 2, channels: 1 as const, labels: null, classNames: [] };
    store.getState().setDataset({ kind: 'images', name: 'mine', set });
    store.getState().setDraftField('learningRate', 0.01);
    store.getState().commitLiveChanges();
    const before = sent.filter((c) => c.type === 'init').at(-1) as Extract<WorkerCommand, { type: 'init' }>;
    store.getState().handleEvent({ type: 'crash', message: 'gone' });
    expect(store.getState().run.phase).toBe('crashed');

    // What useTrainingWorker's restart does: drop the dead worker, connect a new one.
    store.getState().disconnect();
    const resent: WorkerCommand[] = [];
    const resentTransfers: Transferable[][] = [];
    store.getState().connect({
      send: (command, transfer = []) => {
        resent.push(command);
        resentTransfers.push(transfer);
      },
      on: () => () => true,
    });
    expect(resent).toHaveLength(1);
    const init = resent[0] as Extract<WorkerCommand, { type: 'init' }>;
    expect(init).toMatchObject({
      type: 'init',
      backend: 'wasm',
      config: { ...before.config, learningRate: 0.01 },
    });
    expect(init.dataset).toMatchObject({ kind: 'images', name: 'mine' });
    const resentSet = (init.dataset as Extract<typeof init.dataset, { kind: 'images' }>).set;
    expect(Array.from(bytesOf(resentSet))).toEqual([1, 2, 3, 4]);
    expect(resentTransfers[0]).toHaveLength(1);
    expect(transfers.flat()).not.toContain(resentTransfers[0][0]);
    expect(store.getState().run.phase).toBe('loading');
  });

  it('toggles hidden panels and restores only valid preferences', () => {
    const storage = new Map<string, string>();
    const memory = {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
      removeItem: (key: string) => void storage.delete(key),
    };
    const init = { config: DEFAULT_CONFIG, backend: 'auto', dataset } as const;
    const first = createPlaygroundStore(init, memory);
    first.getState().togglePanel('data');
    first.getState().togglePanel('learned');
    first.getState().togglePanel('data');
    expect(first.getState().hiddenPanels).toEqual(['learned']);
    expect(createPlaygroundStore(init, memory).getState().hiddenPanels).toEqual(['learned']);
    storage.set(
      'cpc-playground-ui',
      JSON.stringify({ state: { hiddenPanels: ['nope', 'model'] }, version: 1 }),
    );
    expect(createPlaygroundStore(init, memory).getState().hiddenPanels).toEqual(['model']);
  });
});

describe('datasetStatusOf', () => {
  it('reports progress while loading and the summary once ready', () => {
    const { store } = connectedStore();
    expect(datasetStatusOf(store.getState().run)).toEqual({ state: 'loaded', info });
    store.getState().initWorker();
    store.getState().handleEvent({ type: 'progress', phase: 'dataset', fraction: 0.1, message: 'Loading' });
    expect(datasetStatusOf(store.getState().run)).toEqual({
      state: 'loading',
      fraction: 0.1,
      message: 'Loading',
    });
  });
});
