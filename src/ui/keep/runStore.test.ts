import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { ImageSet } from '../../cpc/data/imageSet';
import { openIndexedDbRunStore } from './indexedDbRunStore';
import { createMemoryRunStore } from './memoryRunStore';
import type { RunStore } from './savedRun';
import { storageMessage } from './storageErrors';
import { testSavedRun } from '../testing/testRuns';
import { bytesOf } from '../../cpc/testing/bytesOf';

const images: ImageSet = {
  pixels: new Uint8Array([0, 255, 7, 9]),
  count: 1,
  size: 2,
  channels: 1,
  labels: new Int32Array([0]),
  classNames: ['a'],
};

const stores: [string, () => Promise<RunStore>][] = [
  ['memory', async () => createMemoryRunStore()],
  ['IndexedDB', () => openIndexedDbRunStore(() => new IDBFactory())],
];

describe.each(stores)('%s run store', (_name, open) => {
  it('lists newest first without the heavy parts, and gets a run back whole', async () => {
    const store = await open();
    await store.save(testSavedRun('a', 10));
    await store.save(testSavedRun('b', 20));
    const list = await store.list();
    expect(list.map((r) => r.id)).toEqual(['b', 'a']);
    expect(list[0]).not.toHaveProperty('checkpoint');
    expect(list[0]).not.toHaveProperty('history');
    const run = await store.get('a');
    expect(Array.from(run?.checkpoint ?? [])).toEqual([1, 2, 3, 4]);
    // Structured clone keeps the infinities JSON would lose: bucket 1 holds one row, min = max = 3.
    expect(run?.history.buckets[0]).toMatchObject({ lossMin: 3, lossMax: 3 });
    expect(await store.get('missing')).toBeNull();
  });

  it('replaces a run saved again under its id', async () => {
    const store = await open();
    await store.save(testSavedRun('a', 10));
    await store.save(testSavedRun('a', 30, { step: 9 }));
    expect((await store.list()).map((r) => [r.id, r.step])).toEqual([['a', 9]]);
  });

  it('renames in the list and in the full run', async () => {
    const store = await open();
    await store.save(testSavedRun('a', 10));
    await store.rename('a', 'layer norm');
    expect((await store.list())[0].name).toBe('layer norm');
    expect((await store.get('a'))?.name).toBe('layer norm');
    await expect(store.rename('gone', 'x')).rejects.toThrow(/no longer saved/);
  });

  it('deletes a run with its kept images, but not images another run still uses', async () => {
    const store = await open();
    const ref = { kind: 'images', name: 'cats', storedImagesId: 'img' } as const;
    await store.saveImages('img', images);
    await store.save(testSavedRun('a', 10, { dataset: ref }));
    await store.save(testSavedRun('b', 20, { dataset: ref }));
    await store.remove('a');
    expect((await store.list()).map((r) => r.id)).toEqual(['b']);
    const kept = await store.loadImages('img');
    expect(Array.from(bytesOf(kept!))).toEqual([0, 255, 7, 9]);
    expect(Array.from(kept?.labels ?? [])).toEqual([0]);
    await store.remove('b');
    expect(await store.list()).toEqual([]);
    expect(await store.loadImages('img')).toBeNull();
  });
});

describe('IndexedDB run store and shared memory', () => {
  it('keeps images held in shared memory as a plain copy, which IndexedDB can store', async () => {
    const store = await openIndexedDbRunStore(() => new IDBFactory());
    const pixels = new Uint8Array(new SharedArrayBuffer(4));
    pixels.set(bytesOf(images));
    await store.saveImages('img', { ...images, pixels });
    const kept = await store.loadImages('img');
    expect(bytesOf(kept!).buffer).toBeInstanceOf(ArrayBuffer);
    expect(bytesOf(kept!).buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(bytesOf(kept!))).toEqual([0, 255, 7, 9]);
  });
});

describe('storage refusals', () => {
  it('turns a refused open (private mode) into a message that says training goes on', async () => {
    const refusing = {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    await expect(openIndexedDbRunStore(() => refusing)).rejects.toThrow(
      /refuses to keep data.*Training goes on/,
    );
    const blocked = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    await expect(openIndexedDbRunStore(blocked)).rejects.toThrow(/refuses to keep data/);
    await expect(openIndexedDbRunStore(() => undefined)).rejects.toThrow(/refuses to keep data/);
  });

  it('names a full disk and what to do about it', () => {
    const quota = new DOMException('Quota exceeded', 'QuotaExceededError');
    expect(storageMessage(quota, 'save the checkpoint')).toMatch(
      /^Browser storage is full: could not save the checkpoint\. Delete old runs/,
    );
    // Firefox aborts the transaction with the quota named only in the message.
    const firefox = new DOMException('NS_ERROR_DOM_QUOTA_REACHED', 'AbortError');
    expect(storageMessage(firefox, 'x')).toMatch(/storage is full/);
    expect(storageMessage(new Error('disk on fire'), 'x')).toBe(
      'Could not x (disk on fire). Training goes on.',
    );
  });
});
