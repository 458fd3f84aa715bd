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
    pool = new ImagePool(request.files, request.size * request.size * request.channels);
    return;
  }
  if (request.kind === 'outcomes') {
    for (const outcome of request.outcomes) outcomes.push(pool ? pool.keep(outcome) : outcome);
    return;
  }
  try {
    const result = assembleImport(outcomes, request.size, request.channels, (length) =>
      allocateShareable(length, self.crossOriginIsolated),
    );
    outcomes = [];
    const spare = spareOf(result.set.pixels, pool);
    pool = null;
    const transfer = spare ? [result.set.pixels.buffer as ArrayBuffer, spare.buffer as ArrayBuffer] : [];
    self.postMessage({ result, spare } satisfies AssembleResponse, { transfer });
  } catch (error) {
    self.postMessage({
      error: error instanceof Error ? error.message : String(error),
    } satisfies AssembleResponse);
  }
};

/** A shared set is the page's and the training worker's at once: it needs no spare copy. */
function spareOf(pixels: Uint8Array, pool: ImagePool | null): Uint8Array | null {
  if (isShared(pixels)) return null;
  return pool ? pool.spareOf(pixels) : pixels.slice();
}
