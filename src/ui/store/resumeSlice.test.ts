import { describe, expect, it, vi } from 'vitest';
import { checkCheckpointFile, encodeCheckpoint } from '../../cpc/checkpoint/format';
import { DEFAULT_CONFIG } from '../../cpc/config';
import { presetById } from '../../cpc/presets';
import type { WorkerCommand } from '../../worker/protocol';
import { createMemoryRunStore } from '../keep/memoryRunStore';
import { runExtraRecord } from '../keep/runExtra';
import { testSavedRun } from '../testing/testRuns';
import { keptStore, readyInfo, savedAt } from '../testing/keptStore';
import { bytesOf } from '../../cpc/testing/bytesOf';

describe('resume slice', () => {
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
    emit({ type: 'ready', backend: 'wasm', reason: 'r', warmupMs: 1, dataset: readyInfo });
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
    store.getState().resumeWithImages(set, 'cats', 0);
    // The folder imported again comes with its own split.
    expect(sent.at(-1)).toMatchObject({
      type: 'resume',
      dataset: { kind: 'images', name: 'cats', heldOut: 0 },
    });
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
    expect(resume.dataset.kind === 'images' && Array.from(bytesOf(resume.dataset.set))).toEqual([5, 6, 7, 8]);
    expect(store.getState().keepImages).toBe(true);
  });
});

describe('resume slice: faults', () => {
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
    emit({ type: 'ready', backend: 'wasm', reason: 'r', warmupMs: 1, dataset: readyInfo });
    emit({ type: 'state', running: false, step: 0 });
    await vi.waitFor(() => expect(sent.map((c) => c.type)).toEqual(['init', 'resume']));
    expect(store.getState().resuming).toMatchObject({ runId, step: 3 });
    expect(store.getState().resumeAfterRestart).toBeNull();
  });
});

describe('resume slice: a crash on an import', () => {
  // Shared, as an import is where the page is isolated: the resume sends the page's own set.
  const set = {
    pixels: new Uint8Array(new SharedArrayBuffer(8)),
    count: 2,
    size: 2,
    channels: 1 as const,
    labels: null,
    classNames: [],
  };

  /** Crashes the run of `kept` and restarts a worker on the store's dataset, as the crash notice does. */
  async function crashAndRestart(kept: Awaited<ReturnType<typeof savedAt>>): Promise<WorkerCommand[]> {
    const { store, emit } = kept;
    emit({ type: 'crash', message: 'gone' });
    await vi.waitFor(() => expect(store.getState().resumeOffer).not.toBeNull());
    store.getState().setResumeAfterRestart(store.getState().resumeOffer!.id);
    const sent: WorkerCommand[] = [];
    store.getState().connect({ send: (command) => void sent.push(command), on: () => () => true });
    emit({ type: 'ready', backend: 'wasm', reason: 'r', warmupMs: 1, dataset: readyInfo });
    emit({ type: 'state', running: false, step: 0 });
    return sent;
  }

  it('continues on the import the page holds, without asking for its folder', async () => {
    const spec = { kind: 'images' as const, name: 'pets', set, heldOut: 0 };
    const kept = await savedAt(3, spec);
    const sent = await crashAndRestart(kept);
    await vi.waitFor(() => expect(sent.map((c) => c.type)).toEqual(['init', 'resume']));
    expect((sent[1] as Extract<WorkerCommand, { type: 'resume' }>).dataset).toBe(spec);
    expect(kept.store.getState().folderRequest).toBeNull();
  });

  it('asks for the folder when the import the page holds is not the one the run was saved on', async () => {
    const kept = await savedAt(3, { kind: 'images', name: 'pets', set, heldOut: 0 });
    // The page moved to another import of the same name since (a split of its own).
    kept.store.setState({ dataset: { kind: 'images', name: 'pets', set, heldOut: 1 } });
    const sent = await crashAndRestart(kept);
    await vi.waitFor(() => expect(kept.store.getState().folderRequest).not.toBeNull());
    expect(sent.map((c) => c.type)).toEqual(['init']);
  });
});
