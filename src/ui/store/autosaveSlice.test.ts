import { describe, expect, it, vi } from 'vitest';
import type { WorkerCommand } from '../../worker/protocol';
import { createMemoryRunStore } from '../keep/memoryRunStore';
import { storageError } from '../keep/storageErrors';
import { checkpointAnswer, keptStore, savedAt, trainAndPause } from '../testing/keptStore';

describe('autosave slice', () => {
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
    emit(checkpointAnswer(1, 4));
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
    emit(checkpointAnswer(1, 2));
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
    emit(checkpointAnswer(1, 2));
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

describe('autosave slice: faults', () => {
  it('a full disk keeps the previous save whole, says so, and the next save clears the message', async () => {
    const kept = await savedAt(2);
    const { store, runStore } = kept;
    const save = runStore.save;
    runStore.save = () =>
      Promise.reject(storageError(new DOMException('full', 'QuotaExceededError'), 'save the checkpoint'));
    kept.emit(checkpointAnswer(trainAndPause(kept, 2, 4), 4));
    await vi.waitFor(() => expect(store.getState().keepError).not.toBeNull());
    expect(store.getState().keepError).toBe(
      'Browser storage is full: could not save the checkpoint. Delete old runs in the run list or turn ' +
        'autosave off; training goes on. Still kept: this run as saved at step 2.',
    );
    expect((await runStore.get(store.getState().runId))?.step).toBe(2);

    runStore.save = save;
    kept.emit(checkpointAnswer(trainAndPause(kept, 4, 6), 6));
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
});
