/**
 * The assemble worker: keeps the decode workers' outcomes as they come and packs them into one set at the
 * end. A 10,000-image import is a 120 MB set; allocating and filling it (and checking it for colour) on
 * the page held the main thread for seconds. A large import is written to disk as it comes instead
 * (./storedPool.ts), and the set it gives is that file's.
 */
import { isStored } from '../../cpc/data/imageSet';
import { assembleImport, type DecodeOutcome } from '../assembleImport';
import { allocateShareable, isShared } from '../sharedPixels';
import type { AssembleRequest, AssembleResponse } from './assembleProtocol';
import { ImagePool } from './imagePool';
import { canStoreImports, createImportFile, storedPixelsData } from './storedImports';
import { StoredPool } from './storedPool';

let outcomes: DecodeOutcome[] = [];
let pool: ImagePool | StoredPool | null = null;
/** Each message is handled after the one before it: opening the file is asynchronous. */
let queue: Promise<void> = Promise.resolve();

self.onmessage = (message: MessageEvent<AssembleRequest>) => {
  queue = queue.then(() => handle(message.data));
};

async function handle(request: AssembleRequest): Promise<void> {
  try {
    if (request.kind === 'begin') {
      outcomes = [];
      pool = await createPool(request);
      return;
    }
    if (request.kind === 'outcomes') {
      for (const outcome of request.outcomes) outcomes.push(pool ? pool.keep(outcome) : outcome);
      return;
    }
    const kept = pool;
    const pack = kept ? (images: readonly Uint8Array[]) => kept.pack(images) : undefined;
    const result = assembleImport(outcomes, request.size, request.channels, pack);
    outcomes = [];
    pool = null;
    if (kept instanceof StoredPool) kept.close();
    const pixels = result.set.pixels;
    if (isStored(pixels)) {
      const set = { ...result.set, pixels: storedPixelsData(pixels) };
      return self.postMessage({ result: { ...result, set }, spare: null } satisfies AssembleResponse);
    }
    // A shared set is the page's and the training worker's at once; a plain one is copied for the worker.
    const spare = isShared(pixels) ? null : pixels.slice();
    const transfer = spare ? [pixels.buffer as ArrayBuffer, spare.buffer as ArrayBuffer] : [];
    self.postMessage({ result, spare } satisfies AssembleResponse, { transfer });
  } catch (error) {
    self.postMessage({
      error: error instanceof Error ? error.message : String(error),
    } satisfies AssembleResponse);
  }
}

/** The pool of a new import: its file on disk when asked for and possible, else memory. */
async function createPool(
  request: Extract<AssembleRequest, { kind: 'begin' }>,
): Promise<ImagePool | StoredPool> {
  const bytes = request.size * request.size * request.channels;
  if (request.store && canStoreImports()) {
    try {
      const { file, handle } = await createImportFile();
      return new StoredPool(file, handle, bytes);
    } catch {
      // No room or no permission on disk: the set is held in memory, as a smaller import is.
    }
  }
  const allocate = (length: number) => allocateShareable(length, self.crossOriginIsolated);
  return new ImagePool(request.files, bytes, allocate);
}
