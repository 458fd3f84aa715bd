/**
 * The assemble worker: keeps the decode workers' outcomes as they come and packs them into one set at the
 * end. A 10,000-image import is a 120 MB set; allocating and filling it (and checking it for colour) on
 * the page held the main thread for seconds.
 */
import { assembleImport, type DecodeOutcome } from '../assembleImport';
import { allocateShareable, isShared } from '../sharedPixels';
import type { AssembleRequest, AssembleResponse } from './assembleProtocol';
import { ImagePool } from './imagePool';

let outcomes: DecodeOutcome[] = [];
let pool: ImagePool | null = null;

self.onmessage = (message: MessageEvent<AssembleRequest>) => {
  const request = message.data;
  if (request.kind === 'begin') {
    outcomes = [];
    const allocate = (length: number) => allocateShareable(length, self.crossOriginIsolated);
    pool = new ImagePool(request.files, request.size * request.size * request.channels, allocate);
    return;
  }
  if (request.kind === 'outcomes') {
    for (const outcome of request.outcomes) outcomes.push(pool ? pool.keep(outcome) : outcome);
    return;
  }
  try {
    const kept = pool;
    const pack = kept ? (images: readonly Uint8Array[]) => kept.pack(images) : undefined;
    const result = assembleImport(outcomes, request.size, request.channels, pack);
    outcomes = [];
    pool = null;
    // A shared set is the page's and the training worker's at once; a plain one is copied for the worker.
    const spare = isShared(result.set.pixels) ? null : result.set.pixels.slice();
    const transfer = spare ? [result.set.pixels.buffer as ArrayBuffer, spare.buffer as ArrayBuffer] : [];
    self.postMessage({ result, spare } satisfies AssembleResponse, { transfer });
  } catch (error) {
    self.postMessage({
      error: error instanceof Error ? error.message : String(error),
    } satisfies AssembleResponse);
  }
};
