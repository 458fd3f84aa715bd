/**
 * Large imports kept on disk: the origin-private file system (OPFS) holds their pixels, so the tab does
 * not. The assemble worker writes each decoded image to a file as it comes (./storedPool.ts); the training
 * worker reads a batch's images through a read-only sync access handle (workers only); the page reads the
 * few it shows, or all of them to save a run with its images, through the file's Blob. A page holds a Web
 * Lock named after each file it keeps, and files no page holds are deleted (deleteUnheldImports).
 */
import { imageBytes, type ImageSet, type StoredPixels } from '../../cpc/data/imageSet';

/** The folder of the origin-private file system that holds imports. */
export const IMPORTS_FOLDER = 'cpc-imports';

/** An import of at least this many bytes (at the decode size) is kept on disk: 10,000 images are 117 MiB. */
export const STORE_OVER_BYTES = 32 * 2 ** 20;

/** The parts of a FileSystemSyncAccessHandle used here (the DOM typings this project builds with lack it). */
export interface SyncHandleLike {
  read(buffer: Uint8Array, options: { at: number }): number;
  write(buffer: Uint8Array, options: { at: number }): number;
  flush(): void;
  close(): void;
}

interface SyncFileHandle {
  createSyncAccessHandle(options?: { mode: 'readwrite' | 'read-only' }): Promise<SyncHandleLike>;
}

/** Whether this context can keep an import on disk: OPFS with sync access handles (a worker). */
export function canStoreImports(): boolean {
  const fileHandle = (globalThis as { FileSystemFileHandle?: { prototype: object } }).FileSystemFileHandle;
  return (
    typeof navigator !== 'undefined' &&
    typeof navigator.storage?.getDirectory === 'function' &&
    !!fileHandle &&
    'createSyncAccessHandle' in fileHandle.prototype
  );
}

async function importsFolder(): Promise<FileSystemDirectoryHandle> {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(IMPORTS_FOLDER, { create: true });
}

/**
 * A new, empty file for an import, open for writing (a worker only). Refused (and the file removed) where
 * two read-only handles cannot be open at once: the training worker and a second one timing another
 * backend each read the file, and a browser that ignores the read-only mode would lock out the second.
 */
export async function createImportFile(): Promise<{ file: string; handle: SyncHandleLike }> {
  const file = `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.bin`;
  const folder = await importsFolder();
  const entry = (await folder.getFileHandle(file, { create: true })) as unknown as SyncFileHandle;
  if (!(await sharesReads(entry))) {
    await folder.removeEntry(file).catch(() => {});
    throw new Error('This browser cannot open a file for reading twice at once.');
  }
  return { file, handle: await entry.createSyncAccessHandle() };
}

async function sharesReads(entry: SyncFileHandle): Promise<boolean> {
  const open: SyncHandleLike[] = [];
  try {
    for (let i = 0; i < 2; i++) open.push(await entry.createSyncAccessHandle({ mode: 'read-only' }));
    return true;
  } catch {
    return false;
  } finally {
    for (const handle of open) handle.close();
  }
}

/** Image `slot` of a file of `bytes`-byte images, read into `out` through `handle`. */
export function readSlot(handle: Pick<SyncHandleLike, 'read'>, slot: number, out: Uint8Array): void {
  const got = handle.read(out, { at: slot * out.length });
  if (got !== out.length) throw new Error(`Read ${got} of ${out.length} bytes of image ${slot} from disk.`);
}

const readers = new Map<string, SyncHandleLike>();

/**
 * The stored pixels, readable in this worker: the file opened read-only once, until closeStoredReaders
 * (a second worker, timing another backend, opens its own).
 */
export async function openStoredPixels(pixels: StoredPixels): Promise<StoredPixels> {
  let handle = readers.get(pixels.file);
  if (!handle) {
    const entry = await (await importsFolder()).getFileHandle(pixels.file);
    handle = await (entry as unknown as SyncFileHandle).createSyncAccessHandle({ mode: 'read-only' });
    readers.set(pixels.file, handle);
  }
  const open = handle;
  return {
    file: pixels.file,
    slots: pixels.slots,
    length: pixels.length,
    read: (slot, out) => readSlot(open, slot, out),
  };
}

/** Closes this worker's readers: the run that read them is gone. */
export function closeStoredReaders(): void {
  for (const handle of readers.values()) handle.close();
  readers.clear();
}

/** The pixels without their reader: what crosses postMessage (a function cannot). */
export function storedPixelsData({ file, slots, length }: StoredPixels): StoredPixels {
  return { file, slots, length };
}

async function storedFile(file: string): Promise<File> {
  return (await (await importsFolder()).getFileHandle(file)).getFile();
}

/** Some of a stored set's images read on the page, in the given order: [indices.length, bytes]. */
export async function readStoredImages(
  set: ImageSet & { pixels: StoredPixels },
  indices: readonly number[],
): Promise<Uint8Array> {
  const bytes = imageBytes(set);
  const file = await storedFile(set.pixels.file);
  const out = new Uint8Array(indices.length * bytes);
  await Promise.all(
    indices.map(async (index, i) => {
      const at = set.pixels.slots[index] * bytes;
      out.set(new Uint8Array(await file.slice(at, at + bytes).arrayBuffer()), i * bytes);
    }),
  );
  return out;
}

/** Every image of a stored set read on the page, in the set's order, a few MiB of the file at a time. */
export async function readAllStoredImages(set: ImageSet & { pixels: StoredPixels }): Promise<Uint8Array> {
  const bytes = imageBytes(set);
  const file = await storedFile(set.pixels.file);
  const out = new Uint8Array(set.count * bytes);
  const positionOfSlot = new Map<number, number>();
  set.pixels.slots.forEach((slot, i) => positionOfSlot.set(slot, i));
  const chunkImages = Math.max(1, Math.floor((8 * 2 ** 20) / bytes));
  for (let first = 0; first * bytes < file.size; first += chunkImages) {
    const chunk = new Uint8Array(
      await file.slice(first * bytes, (first + chunkImages) * bytes).arrayBuffer(),
    );
    for (let slot = first; slot < first + chunk.length / bytes; slot++) {
      const i = positionOfSlot.get(slot);
      if (i !== undefined)
        out.set(chunk.subarray((slot - first) * bytes, (slot - first + 1) * bytes), i * bytes);
    }
  }
  return out;
}

const LOCK_PREFIX = 'cpc-import:';

/** Marks `file` as this page's until the returned function is called (a Web Lock, held by the tab). */
export function holdImport(file: string): () => void {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  if (typeof navigator !== 'undefined' && navigator.locks)
    void navigator.locks.request(LOCK_PREFIX + file, () => held).catch(() => {});
  return release;
}

/**
 * Deletes the stored imports no page holds: those of closed tabs and replaced imports. One still open for
 * reading in a worker cannot be deleted yet and is left for the next call.
 */
export async function deleteUnheldImports(): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory || !navigator.locks) return;
  const folder = await importsFolder();
  const names: string[] = [];
  for await (const name of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
  for (const name of names) {
    await navigator.locks.request(LOCK_PREFIX + name, { ifAvailable: true }, async (lock) => {
      if (lock) await folder.removeEntry(name).catch(() => {});
    });
  }
}
