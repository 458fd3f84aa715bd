import { describe, expect, it, vi } from 'vitest';
import { checkCheckpointFile, encodeCheckpoint } from '../../cpc/checkpoint/format';
import { DEFAULT_CONFIG } from '../../cpc/config';
import { presetById } from '../../cpc/presets';
import type { ClientEvent } from '../../worker/client';
import type { WorkerCommand } from '../../worker/protocol';
import { createMemoryRunStore } from '../keep/memoryRunStore';
import { runExtraRecord } from '../keep/runExtra';
import type { RunStore } from '../keep/savedRun';
import { storageError } from '../keep/storageErrors';
import { testRow, testSavedRun } from '../testing/testRuns';
import { createPlaygroundStore } from './playgroundStore';

const dataset = { kind: 'synthetic', count: 8 } as const;
const info = { title: 's', trainCount: 8, testCount: 0, classNames: [], classCounts: [], loadMs: 1 };
const memory = { numTensors: 1, numBytes: 1 };

async function keptStore(runStore: RunStore = createMemoryRunStore()) {
  const sent: WorkerCommand[] = [];
  const store = createPlaygroundStore({ config: DEFAULT_CONFIG, backend: 'wasm', dataset });
  store.getState().connect({ send: (command) => void sent.push(command), on: () => () => true });
  await store.getState().attachRunStore(runStore);
  // What the page's hooks do: every event goes to the run slice, then to the keep slice.
  const emit = (event: ClientEvent) => {
    store.getState().handleEvent(event);
    store.getState().keepEvent(event);
  };
  emit({ type: 'ready', backend: 'wasm', reason: 'r', warmupMs: 1, dataset: info });
  emit({ type: 'state', running: false, step: 0 });
  const train = (from: number, to: number) => {
    const rows = [];
    for (let step = from; step <= to; step++) rows.push(testRow(step, 3 - step / 10));
    emit({ type: 'metrics', rows, stepsPerSecond: 1, imagesPerSecond: 4, memory });
  };
  const saveRequests = () => sent.filter((c) => c.type === 'save-checkpoint');
  return { store, sent, emit, train, saveRequests, runStore };
}

const answer = (requestId: number, step: number): ClientEvent => ({
  type: 'checkpoint',
  requestId,
  step,
  bytes: new Uint8Array([9, 8, 7]),
  saveMs: 12,
});

describe('keep slice: autosave', () => {
  it('saves every N steps, with the curves, preset and dataset in the checkpoint extra', async () => {
    const { store, emit, train, saveRequests, runStore } = await keptStore();
    store.getState().setAutosaveEvery(3);
    emit({ type: 'state', running: true, step: 0 });
    train(1, 2);
    expect(saveRequests()).toEqual([]);
    train(3, 4);
    const [request] = saveRequests();
    expect(request).toMatchObject({ type: 'save-checkpoint', requestId: 1 });
    const extra = (request as Extract<WorkerCommand, { type: 'save-checkpoint' }>).extra;
    expect(extra).toMatchObject({ presetId: 'default', dataset: { kind: 'synthetic', count: 8 } });
    expect(extra.name).toMatch(/^Synthetic shapes · Default · /);
    expect((extra.history as { totalRows: number }).totalRows).toBe(4);
    // Steps 5 and 6 arrive while the save is in flight: no second request until step 6 is passed.
    train(5, 5);
    emit(answer(1, 4));
    await vi.waitFor(() => expect(store.getState().lastSave).toEqual(expect.objectContaining({ step: 4 })));
    const saved = await runStore.get(store.getState().runId);
    expect(saved).toMatchObject({ step: 4, checkpointBytes: 3, presetId: 'default', backend: 'wasm' });
    // The curves as of the checkpoint's step: rows 1..4 (the request left at step 4).
    expect(saved?.history.totalRows).toBe(4);
    expect(store.getState().savedRuns.map((r) => r.step)).toEqual([4]);
    train(6, 6);
    expect(saveRequests()).toHaveLength(2);
  });

  it('saves on pause but not after a single Step while paused', async () => {
    const { store, emit, train, saveRequests } = await keptStore();
    store.getState().setAutosaveEvery(0);
    emit({ type: 'state', running: true, step: 0 });
    train(1, 2);
    expect(saveRequests()).toEqual([]);
    emit({ type: 'state', running: false, step: 2 });
    expect(saveRequests()).toHaveLength(1);
    emit(answer(1, 2));
    await vi.waitFor(() => expect(store.getState().saving).toBeNull());
    train(3, 3);
    emit({ type: 'state', running: false, step: 3 });
    expect(saveRequests()).toHaveLength(1);
  });

  it('shows a full disk as a message and trains on', async () => {
    const full = createMemoryRunStore();
    full.save = () => Promise.reject(storageError(new DOMException('full', 'QuotaExceededError'), 'save it'));
    const { store, emit, train, sent } = await keptStore(full);
    emit({ type: 'state', running: true, step: 0 });
    train(1, 2);
    emit({ type: 'state', running: false, step: 2 });
    emit(answer(1, 2));
    await vi.waitFor(() => expect(store.getState().keepError).toMatch(/^Browser storage is full/));
    expect(store.getState().saving).toBeNull();
    store.getState().start();
    expect(sent.at(-1)).toEqual({ type: 'start' });
  });

  it('reports a refused save request and clears it', async () => {
    const { store, emit, train, saveRequests } = await keptStore();
    emit({ type: 'state', running: true, step: 0 });
    train(1, 1);
    emit({ type: 'state', running: false, step: 1 });
    expect(saveRequests()).toHaveLength(1);
    emit({ type: 'request-failed', requestId: 1, message: 'No model.' });
    expect(store.getState().keepError).toBe(
      'Could not save a checkpoint: No model. Training goes on. Nothing of this run is saved yet.',
    );
    expect(store.getState().saving).toBeNull();
  });

  it('starts a new run id when the weights start over', async () => {
    const { store, emit } = await keptStore();
    const first = store.getState().runId;
    emit({ type: 'state', running: false, step: 0 });
    expect(store.getState().runId).not.toBe(first);
  });
});

describe('keep slice: resume', () => {
  const savedExtra = (history = testSavedRun('x', 1).history) =>
    runExtraRecord({
      runId: 'old',
      name: 'run old',
      presetId: 'cpc-v2',
      dataset: { kind: 'builtin', name: 'mnist' },
      history,
      probeHistory: [{ step: 2, cpc: { linear: 0.8, knn: 0.7 }, randomInit: { linear: 0.5, knn: 0.4 } }],
    });

  it('offers the newest saved run, sends its checkpoint and restores config, preset and curves', async () => {
    const runStore = createMemoryRunStore();
    await runStore.save(testSavedRun('old', 5));
    const { store, sent, emit, train } = await keptStore(runStore);
    expect(store.getState().resumeOffer?.id).toBe('old');
    await store.getState().resumeSaved('old');
    const resume = sent.at(-1) as Extract<WorkerCommand, { type: 'resume' }>;
    expect(resume).toMatchObject({
      type: 'resume',
      backend: 'wasm',
      dataset: { kind: 'builtin', name: 'mnist' },
    });
    expect(Array.from(resume.checkpoint)).toEqual([1, 2, 3, 4]);
    expect(store.getState().run.phase).toBe('loading');
    const config = presetById('cpc-v2').config;
    emit({ type: 'ready', backend: 'wasm', reason: 'r', warmupMs: 1, dataset: info });
    emit({ type: 'resumed', step: 3, config, extra: JSON.parse(JSON.stringify(savedExtra())) });
    emit({ type: 'state', running: false, step: 3 });
    const s = store.getState();
    expect(s.run).toMatchObject({ phase: 'ready', step: 3, running: false });
    expect([s.appliedConfig, s.draftConfig, s.presetId]).toEqual([config, config, 'cpc-v2']);
    expect(s.dataset).toEqual({ kind: 'builtin', name: 'mnist' });
    expect([s.runId, s.runName, s.resumeOffer, s.resuming]).toEqual(['old', 'run old', null, null]);
    expect(s.history.totalRows).toBe(3);
    expect(s.probeHistory.map((p) => p.step)).toEqual([2]);
    expect(s.resumeMs).toBeGreaterThanOrEqual(0);
    train(4, 4);
    expect(store.getState().history.buckets.map((b) => b.step)).toEqual([1, 2, 3, 4]);
  });

  it('puts the current run back when the worker refuses the checkpoint', async () => {
    const runStore = createMemoryRunStore();
    await runStore.save(testSavedRun('old', 5));
    const { store, emit, train } = await keptStore(runStore);
    train(1, 7);
    await store.getState().resumeSaved('old');
    emit({ type: 'error', message: 'Tensor w has 3 values, the model expects 4.', recoverable: true });
    const s = store.getState();
    expect(s.run).toMatchObject({ phase: 'ready', step: 7 });
    expect(s.keepError).toBe(
      'Could not resume run old: Tensor w has 3 values, the model expects 4. The current run goes on.',
    );
    expect(s.history.totalRows).toBe(7);
  });

  it('rejects a corrupt file on the page, before the worker sees it', async () => {
    const { store, sent } = await keptStore();
    await store.getState().resumeFile(checkCheckpointFile(new Uint8Array([1, 2, 3])), 'notes.zip');
    expect(store.getState().keepError).toBe(
      'notes.zip was not loaded. Not a readable checkpoint: it is not a zip archive. The current run goes on.',
    );
    expect(sent.map((c) => c.type)).toEqual(['init']);
    expect(store.getState().run.phase).toBe('ready');
  });

  it("resumes a headless runner's checkpoint on the dataset it names", async () => {
    const { store, sent } = await keptStore();
    const bytes = encodeCheckpoint({
      config: DEFAULT_CONFIG,
      step: 40,
      tensors: [],
      extra: { data: 'mnist' },
    });
    await store.getState().resumeFile(checkCheckpointFile(bytes), 'checkpoint.cpc.zip');
    expect(sent.at(-1)).toMatchObject({ type: 'resume', dataset: { kind: 'builtin', name: 'mnist' } });
    expect(store.getState().resuming).toMatchObject({ name: 'checkpoint.cpc.zip', step: 40 });
  });

  it('asks for an imported folder again when its images were not kept', async () => {
    const runStore = createMemoryRunStore();
    const dataset = { kind: 'images', name: 'cats', storedImagesId: null } as const;
    await runStore.save(testSavedRun('cats', 5, { dataset }));
    const { store, sent } = await keptStore(runStore);
    await store.getState().resumeSaved('cats');
    expect(store.getState().folderRequest).toMatchObject({ runId: 'cats', dataset });
    expect(sent.map((c) => c.type)).toEqual(['init']);
    const set = {
      pixels: new Uint8Array(4),
      count: 1,
      size: 2,
      channels: 1 as const,
      labels: null,
      classNames: [],
    };
    store.getState().resumeWithImages(set, 'cats');
    expect(sent.at(-1)).toMatchObject({ type: 'resume', dataset: { kind: 'images', name: 'cats' } });
    expect(store.getState().folderRequest).toBeNull();
  });

  it('resumes a kept import from the store', async () => {
    const runStore = createMemoryRunStore();
    const set = {
      pixels: new Uint8Array([5, 6, 7, 8]),
      count: 1,
      size: 2,
      channels: 1 as const,
      labels: null,
      classNames: [],
    };
    await runStore.saveImages('cats', set);
    const dataset = { kind: 'images', name: 'cats', storedImagesId: 'cats' } as const;
    await runStore.save(testSavedRun('cats', 5, { dataset }));
    const { store, sent } = await keptStore(runStore);
    await store.getState().resumeSaved('cats');
    const resume = sent.at(-1) as Extract<WorkerCommand, { type: 'resume' }>;
    expect(resume.dataset.kind === 'images' && Array.from(resume.dataset.set.pixels)).toEqual([5, 6, 7, 8]);
    expect(store.getState().keepImages).toBe(true);
  });

  it('renames and deletes saved runs', async () => {
    const runStore = createMemoryRunStore();
    await runStore.save(testSavedRun('a', 5));
    const { store } = await keptStore(runStore);
    await store.getState().renameRun('a', '  GRU  ');
    expect(store.getState().savedRuns.map((r) => r.name)).toEqual(['GRU']);
    await store.getState().deleteRun('a');
    expect(store.getState().savedRuns).toEqual([]);
    expect(store.getState().resumeOffer).toBeNull();
  });
});

describe('keep slice: faults', () => {
  /** Trains to `step` on Start and pauses, which asks for a save; returns that request's id. */
  const trainAndPause = (kept: Awaited<ReturnType<typeof keptStore>>, from: number, step: number) => {
    kept.emit({ type: 'state', running: true, step: from });
    kept.train(from + 1, step);
    kept.emit({ type: 'state', running: false, step });
    return (kept.saveRequests().at(-1) as { requestId: number }).requestId;
  };

  async function savedAt(step: number) {
    const kept = await keptStore();
    kept.store.getState().setAutosaveEvery(0);
    kept.emit(answer(trainAndPause(kept, 0, step), step));
    await vi.waitFor(() => expect(kept.store.getState().savedRuns.map((r) => r.step)).toEqual([step]));
    return kept;
  }

  it('a full disk keeps the previous save whole, says so, and the next save clears the message', async () => {
    const kept = await savedAt(2);
    const { store, runStore } = kept;
    const save = runStore.save;
    runStore.save = () =>
      Promise.reject(storageError(new DOMException('full', 'QuotaExceededError'), 'save the checkpoint'));
    kept.emit(answer(trainAndPause(kept, 2, 4), 4));
    await vi.waitFor(() => expect(store.getState().keepError).not.toBeNull());
    expect(store.getState().keepError).toBe(
      'Browser storage is full: could not save the checkpoint. Delete old runs in the run list or turn ' +
        'autosave off; training goes on. Still kept: this run as saved at step 2.',
    );
    expect((await runStore.get(store.getState().runId))?.step).toBe(2);

    runStore.save = save;
    kept.emit(answer(trainAndPause(kept, 4, 6), 6));
    await vi.waitFor(() => expect(store.getState().lastSave?.step).toBe(6));
    expect(store.getState().keepError).toBeNull();
  });

  it('a save the worker could not serialise names the save still kept', async () => {
    const kept = await savedAt(2);
    const requestId = trainAndPause(kept, 2, 4);
    kept.emit({ type: 'request-failed', requestId, message: 'Do not know how to serialize a BigInt' });
    expect(kept.store.getState().keepError).toBe(
      'Could not save a checkpoint: Do not know how to serialize a BigInt. Training goes on. ' +
        'Still kept: this run as saved at step 2.',
    );
  });

  it('after a crash, the restarted worker continues the run from its last save by itself', async () => {
    const kept = await savedAt(3);
    const { store, emit } = kept;
    const runId = store.getState().runId;
    emit({ type: 'crash', message: 'gone' });
    await vi.waitFor(() => expect(store.getState().resumeOffer?.id).toBe(runId));
    expect(store.getState().run.phase).toBe('crashed');

    // What the crash notice's button does: arm the resume, then a fresh worker.
    store.getState().setResumeAfterRestart(runId);
    const sent: WorkerCommand[] = [];
    store.getState().connect({ send: (command) => void sent.push(command), on: () => () => true });
    emit({ type: 'ready', backend: 'wasm', reason: 'r', warmupMs: 1, dataset: info });
    emit({ type: 'state', running: false, step: 0 });
    await vi.waitFor(() => expect(sent.map((c) => c.type)).toEqual(['init', 'resume']));
    expect(store.getState().resuming).toMatchObject({ runId, step: 3 });
    expect(store.getState().resumeAfterRestart).toBeNull();
  });
});
