/**
 * The assemble worker: keeps the decode workers' outcomes as they come and packs them into one set at the
 * end. A 10,000-image import is a 120 MB set; allocating and filling it (and checking it for colour) on
 * the page held the main thread for seconds.
 */
import { assembleImport, type DecodeOutcome } from '../assembleImport';
import type { AssembleRequest, AssembleResponse } from './assembleProtocol';

let outcomes: DecodeOutcome[] = [];

self.onmessage = (message: MessageEvent<AssembleRequest>) => {
  const request = message.data;
  if (request.kind === 'outcomes') {
    for (const outcome of request.outcomes) outcomes.push(outcome);
    return;
  }
  try {
    const result = assembleImport(outcomes, request.size, request.channels);
    outcomes = [];
    const spare = result.set.pixels.slice();
    const transfer = [result.set.pixels.buffer as ArrayBuffer, spare.buffer];
    self.postMessage({ result, spare } satisfies AssembleResponse, { transfer });
  } catch (error) {
    self.postMessage({
      error: error instanceof Error ? error.message : String(error),
    } satisfies AssembleResponse);
  }
};
