import { isStored, type ImageSet } from '../../cpc/data/imageSet';
import { readAllStoredImages } from '../../datasets/browser/storedImports';
import { unshared } from '../../datasets/sharedPixels';
import type { RunStore, SavedRun, SavedRunSummary } from './savedRun';
import { summaryOf } from './savedRunSummary';
import { storageError } from './storageErrors';

const DB_NAME = 'cpc-playground-runs';
const DB_VERSION = 1;
/** Full runs (checkpoint bytes and curves) and their list rows apart, so listing never reads checkpoints. */
const RUNS = 'runs';
const SUMMARIES = 'summaries';
const IMAGES = 'images';

/**
 * Opens (creating on first use) the page's run database. Rejects with a showable Error when the browser
 * refuses storage (private mode, storage disabled, no IndexedDB at all).
 */
export async function openIndexedDbRunStore(
  factory: () => IDBFactory | undefined = () => globalThis.indexedDB,
): Promise<RunStore> {
  let db: IDBDatabase;
  try {
    // Reading `indexedDB` itself throws a SecurityError where storage is blocked.
    const idb = factory();
    if (!idb) throw new DOMException('IndexedDB is missing.', 'UnavailableError');
    db = await openDatabase(idb);
  } catch (error) {
    throw storageError(error, 'open the run storage');
  }
  return new IndexedDbRunStore(db);
}

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore(RUNS, { keyPath: 'id' });
      db.createObjectStore(SUMMARIES, { keyPath: 'id' });
      db.createObjectStore(IMAGES);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the run storage is open in an older tab of this page'));
  });
}

class IndexedDbRunStore implements RunStore {
  constructor(private readonly db: IDBDatabase) {}

  async list(): Promise<SavedRunSummary[]> {
    const rows = await this.read<SavedRunSummary[]>(SUMMARIES, (s) => s.getAll(), 'list the saved runs');
    return rows.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async get(id: string): Promise<SavedRun | null> {
    return (await this.read<SavedRun | undefined>(RUNS, (s) => s.get(id), 'read the saved run')) ?? null;
  }

  save(run: SavedRun): Promise<void> {
    return this.write([RUNS, SUMMARIES], 'save the checkpoint', (tx) => {
      tx.objectStore(RUNS).put(run);
      tx.objectStore(SUMMARIES).put(summaryOf(run));
    });
  }

  async rename(id: string, name: string): Promise<void> {
    const run = await this.get(id);
    if (!run) throw new Error('That run is no longer saved.');
    await this.write([RUNS, SUMMARIES], 'rename the run', (tx) => {
      tx.objectStore(RUNS).put({ ...run, name });
      tx.objectStore(SUMMARIES).put({ ...summaryOf(run), name });
    });
  }

  async remove(id: string): Promise<void> {
    const summaries = await this.list();
    const dataset = summaries.find((s) => s.id === id)?.dataset;
    const imagesId = dataset?.kind === 'images' ? dataset.storedImagesId : null;
    const shared = summaries.some(
      (s) => s.id !== id && s.dataset.kind === 'images' && s.dataset.storedImagesId === imagesId,
    );
    await this.write([RUNS, SUMMARIES, IMAGES], 'delete the run', (tx) => {
      tx.objectStore(RUNS).delete(id);
      tx.objectStore(SUMMARIES).delete(id);
      if (imagesId !== null && !shared) tx.objectStore(IMAGES).delete(imagesId);
    });
  }

  async saveImages(id: string, images: ImageSet): Promise<void> {
    // A set kept on disk is read into memory for the save: IndexedDB keeps its own copy of the bytes.
    const pixels = isStored(images.pixels)
      ? await readAllStoredImages({ ...images, pixels: images.pixels })
      : unshared(images.pixels);
    return this.write(
      [IMAGES],
      'keep the imported images',
      (tx) => void tx.objectStore(IMAGES).put({ ...images, pixels }, id),
    );
  }

  async loadImages(id: string): Promise<ImageSet | null> {
    return (await this.read<ImageSet | undefined>(IMAGES, (s) => s.get(id), 'read the kept images')) ?? null;
  }

  private read<T>(store: string, query: (store: IDBObjectStore) => IDBRequest, action: string): Promise<T> {
    return new Promise((resolve, reject) => {
      try {
        const request = query(this.db.transaction(store, 'readonly').objectStore(store));
        request.onsuccess = () => resolve(request.result as T);
        request.onerror = () => reject(storageError(request.error, action));
      } catch (error) {
        reject(storageError(error, action));
      }
    });
  }

  /** Resolves once the transaction commits: a quota failure shows up only as its abort. */
  private write(stores: string[], action: string, fill: (tx: IDBTransaction) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        const tx = this.db.transaction(stores, 'readwrite');
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(storageError(tx.error, action));
        fill(tx);
      } catch (error) {
        reject(storageError(error, action));
      }
    });
  }
}
