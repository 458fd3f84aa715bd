import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import type { ImportResult } from '../../datasets/assembleImport';
import type { ImportOptions } from '../../datasets/browser/importImages';
import type { DatasetSpec, WorkerCommand } from '../../worker/protocol';
import { createPlaygroundStore } from '../store/playgroundStore';
import { confirmReplaceImport, requestDataImport, trainOnImport, type DecodeFiles } from './dataImport';

const fashion: DatasetSpec = { kind: 'builtin', name: 'fashion-mnist' };
const mnist: DatasetSpec = { kind: 'builtin', name: 'mnist' };

/** `count` 64 px colour images, as the Data panel decodes them, from 20 px originals. */
function importOf(count: number): ImportResult {
  const set = { pixels: new Uint8Array(count * 64 * 64 * 3), count, size: 64, channels: 3 as const };
  return {
    set: { ...set, labels: null, classNames: [] },
    skipped: [],
    upscaled: 0,
    nativeSide: 20,
    sides: [],
    heldOut: 0,
    colour: false,
  };
}

/** A decoder the test finishes by hand, counting the decodes and keeping what each was asked with. */
function manualDecoder() {
  const calls: {
    options: ImportOptions;
    finish: (result: ImportResult) => void;
    fail: (e: Error) => void;
  }[] = [];
  const decode: DecodeFiles = (_files, options) =>
    new Promise((resolve, reject) => {
      calls.push({ options, finish: resolve, fail: reject });
      options.signal?.addEventListener('abort', () =>
        reject(new DOMException('Import cancelled.', 'AbortError')),
      );
    });
  return { decode, calls };
}

function connectedStore() {
  const sent: WorkerCommand[] = [];
  const store = createPlaygroundStore({ config: DEFAULT_CONFIG, backend: 'wasm', dataset: fashion });
  store.getState().connect({ send: (command) => void sent.push(command), on: () => () => true });
  const inits = () =>
    sent.filter((c) => c.type === 'init').map((c) => (c.type === 'init' ? c.dataset : null));
  return { store, inits };
}

/** `n` files to list; the fake decoder never reads them. */
const files = (n: number) => async () =>
  Array.from({ length: n }, (_, i) => ({ path: `${i}.png`, file: new Blob([new Uint8Array(1)]) }));
/** Lets the import's awaits (file list, decode, the task before training) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the Data panel import, kept across switching sets', () => {
  it('trains on a finished import, keeps it through a built-in set, and trains on it again undecoded', async () => {
    const { store, inits } = connectedStore();
    const { decode, calls } = manualDecoder();
    const done = requestDataImport(store, 'pets', files(6), decode);
    await settle();
    calls[0].finish(importOf(6));
    await done;
    await settle();
    const trained = store.getState().dataset;
    expect(trained).toMatchObject({ kind: 'images', name: 'pets', set: { count: 6, size: 28 } });
    expect(inits().at(-1)).toMatchObject({ kind: 'images', name: 'pets' });

    store.getState().setDataset(mnist);
    expect(inits().at(-1)).toEqual(mnist);
    const kept = store.getState().keptImport;
    expect(kept).toMatchObject({ name: 'pets', filesSeen: 6, result: { set: { count: 6 } } });

    trainOnImport(store, kept!);
    expect(store.getState().dataset).toMatchObject({ kind: 'images', name: 'pets', set: { count: 6 } });
    expect(inits().at(-1)).toMatchObject({ kind: 'images', name: 'pets', set: { count: 6, size: 28 } });
    expect(calls).toHaveLength(1);
  });

  it('goes on in the background when the user picks another set, and is kept without switching the run', async () => {
    const { store, inits } = connectedStore();
    const { decode, calls } = manualDecoder();
    const done = requestDataImport(store, 'pets', files(4), decode);
    await settle();
    calls[0].options.onProgress?.({ done: 1, total: 4 });
    expect(store.getState().dataImport).toMatchObject({ phase: 'decoding', done: 1, total: 4 });
    store.getState().sendDataImportToBackground();
    store.getState().setDataset(mnist);
    calls[0].finish(importOf(4));
    await done;
    await settle();
    expect(calls[0].options.signal?.aborted).toBe(false);
    expect(store.getState().dataset).toEqual(mnist);
    expect(inits().at(-1)).toEqual(mnist);
    expect(store.getState().dataImport).toMatchObject({ phase: 'done', inBackground: true });
    expect(store.getState().keptImport?.name).toBe('pets');
    store.getState().dismissBackgroundImport();
    expect(store.getState().dataImport).toMatchObject({ phase: 'done', inBackground: false });
  });

  it('is trained on when the user comes back to it before it is done', async () => {
    const { store } = connectedStore();
    const { decode, calls } = manualDecoder();
    const done = requestDataImport(store, 'pets', files(4), decode);
    await settle();
    store.getState().sendDataImportToBackground();
    store.getState().setDataset(mnist);
    store.getState().followDataImport();
    calls[0].finish(importOf(4));
    await done;
    await settle();
    expect(store.getState().dataset).toMatchObject({ kind: 'images', name: 'pets' });
    expect(store.getState().dataImport).toMatchObject({ phase: 'done', inBackground: false });
  });

  it('is not trained on when the run changed set some other way (a resume) while it decoded', async () => {
    const { store } = connectedStore();
    const { decode, calls } = manualDecoder();
    const done = requestDataImport(store, 'pets', files(4), decode);
    await settle();
    store.setState({ dataset: mnist });
    calls[0].fail(new Error('disk gone'));
    await done;
    expect(store.getState().dataImport).toEqual({
      phase: 'failed',
      name: 'pets',
      message: 'disk gone',
      inBackground: true,
    });
  });

  it('asks before a new import replaces the kept one, and reads nothing until the user says yes', async () => {
    const { store } = connectedStore();
    const { decode, calls } = manualDecoder();
    const first = requestDataImport(store, 'pets', files(6), decode);
    await settle();
    calls[0].finish(importOf(6));
    await first;
    let listed = 0;
    const listDogs = async () => {
      listed++;
      return files(3)();
    };
    await requestDataImport(store, 'dogs', listDogs, decode);
    expect(store.getState().dataImport).toMatchObject({ phase: 'confirm', name: 'dogs' });
    expect(listed).toBe(0);
    store.getState().declineReplaceImport();
    expect(store.getState().dataImport).toEqual({ phase: 'idle' });
    expect(store.getState().keptImport?.name).toBe('pets');

    await requestDataImport(store, 'dogs', listDogs, decode);
    const second = confirmReplaceImport(store, decode);
    await settle();
    expect(listed).toBe(1);
    // Until the new one has images, the old one stays: an empty import replaces nothing.
    expect(store.getState().keptImport?.name).toBe('pets');
    calls[1].finish(importOf(0));
    await second;
    expect(store.getState().dataImport).toMatchObject({ phase: 'done', result: { set: { count: 0 } } });
    expect(store.getState().keptImport?.name).toBe('pets');

    await requestDataImport(store, 'dogs', listDogs, decode);
    const third = confirmReplaceImport(store, decode);
    await settle();
    calls[2].finish(importOf(3));
    await third;
    expect(store.getState().keptImport).toMatchObject({ name: 'dogs', result: { set: { count: 3 } } });
  });

  it('a cancelled import, or one a newer import superseded, changes nothing', async () => {
    const { store } = connectedStore();
    const { decode, calls } = manualDecoder();
    const first = requestDataImport(store, 'pets', files(4), decode);
    await settle();
    store.getState().cancelDataImport();
    await first;
    expect(calls[0].options.signal?.aborted).toBe(true);
    expect(store.getState().dataImport).toEqual({ phase: 'cancelled', name: 'pets' });
    expect(store.getState().keptImport).toBeNull();

    const older = requestDataImport(store, 'old', files(2), decode);
    await settle();
    const newer = requestDataImport(store, 'new', files(2), decode);
    await settle();
    expect(calls[1].options.signal?.aborted).toBe(true);
    calls[2].finish(importOf(2));
    await Promise.all([older, newer]);
    expect(store.getState().keptImport?.name).toBe('new');
    expect(store.getState().dataImport).toMatchObject({ phase: 'done', name: 'new' });
  });

  it('keeps one copy of the pixels once the run is on a built-in set: the decoded set itself', async () => {
    const { store } = connectedStore();
    const { decode, calls } = manualDecoder();
    const done = requestDataImport(store, 'pets', files(2), decode);
    await settle();
    const result = importOf(2);
    calls[0].finish(result);
    await done;
    await settle();
    // Training on it, the page also holds the set at the fitted 28 px (the worker got its own transferred copy).
    expect(pixelBuffers(store.getState())).toHaveLength(2);
    store.getState().setDataset(mnist);
    expect(pixelBuffers(store.getState())).toEqual([result.set.pixels]);
  });
});

/** Every non-empty byte array reachable from the store's state, each once. */
function pixelBuffers(root: unknown): Uint8Array[] {
  const seen = new Set<unknown>();
  const found = new Set<Uint8Array>();
  const walk = (value: unknown) => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Uint8Array) return void (value.byteLength > 0 && found.add(value));
    if (ArrayBuffer.isView(value)) return;
    for (const child of Object.values(value)) walk(child);
  };
  walk(root);
  return [...found];
}
