/**
 * Decodes a list of files into a training set using a small pool of module workers (./decodeQueue.ts).
 * Each worker has two small batches queued and decodes one file at a time, so at most `workers` full-size
 * pictures are in memory at once whatever the folder holds (one more for a moment while a worker hands
 * over to a fresh one); only the resized bytes come back. They go on, transferred, to an assemble worker,
 * which packs them into one set at the end: the page never holds them all.
 */
import { isStored } from '../../cpc/data/imageSet';
import { isHiddenPath } from '../labels';
import type { ImportResult } from '../assembleImport';
import { offerSpareCopy } from './spareCopies';
import type { AssembleRequest, AssembleResponse } from './assembleProtocol';
import { decodeInto, type DecodeWorker } from './decodeQueue';
import { STORE_OVER_BYTES } from './storedImports';
import type { ImportFile } from './fileSources';

export interface ImportProgress {
  done: number;
  total: number;
}

export interface ImportOptions {
  size: number;
  channels: 1 | 3;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Decode workers; defaults to one per core, at most `MAX_DECODE_WORKERS`. */
  workers?: number;
  /** Files per message to a worker. */
  batchSize?: number;
  /** Imports of at least this many bytes are kept on disk where the browser can (STORE_OVER_BYTES). */
  storeOverBytes?: number;
}

export async function importImages(
  files: readonly ImportFile[],
  options: ImportOptions,
): Promise<ImportResult> {
  const visible = files.filter((f) => !isHiddenPath(f.path));
  const batchSize = options.batchSize ?? 8;
  const batches: ImportFile[][] = [];
  for (let i = 0; i < visible.length; i += batchSize) batches.push(visible.slice(i, i + batchSize));
  const assembler = createAssembleWorker();
  // Listened for from the start: a worker that fails to load, or dies while it collects, must end the
  // import with a message instead of leaving it waiting for an answer that never comes.
  const assemblerFailed = new Promise<never>((_, reject) => {
    assembler.onerror = (event) => reject(new Error(`The assemble worker failed: ${event.message}`));
    assembler.onmessageerror = () =>
      reject(new Error('The assemble worker sent a message that could not be read.'));
  });
  assemblerFailed.catch(() => {}); // raced below; one after the import has ended needs no handler
  const { size, channels } = options;
  const store = visible.length * size * size * channels >= (options.storeOverBytes ?? STORE_OVER_BYTES);
  assembler.postMessage({
    kind: 'begin',
    files: visible.length,
    size,
    channels,
    store,
  } satisfies AssembleRequest);
  options.onProgress?.({ done: 0, total: visible.length });
  // Ends the decode workers too when the import ends otherwise (the assembler failed).
  const ended = new AbortController();
  const { signal } = options;
  if (signal?.aborted) ended.abort();
  signal?.addEventListener('abort', () => ended.abort(), { once: true });
  try {
    const queue = {
      ...options,
      signal: ended.signal,
      workers: options.workers ?? defaultWorkers(),
      createWorker: createDecodeWorker,
    };
    await Promise.race([decodeInto(assembler, batches, queue), assemblerFailed]);
    return await Promise.race([assembled(assembler, size, channels, signal), assemblerFailed]);
  } finally {
    ended.abort();
    assembler.terminate();
  }
}

/** The assemble worker's set, once every outcome forwarded to it is in (messages keep their order). */
function assembled(
  assembler: Worker,
  size: number,
  channels: 1 | 3,
  signal: AbortSignal | undefined,
): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(new DOMException('Import cancelled.', 'AbortError'));
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort, { once: true });
    assembler.onmessage = (message: MessageEvent<AssembleResponse>) => {
      if ('error' in message.data) return reject(new Error(message.data.error));
      const { result, spare } = message.data;
      if (spare && !isStored(result.set.pixels)) offerSpareCopy(result.set.pixels, spare);
      resolve(result);
    };
    assembler.postMessage({ kind: 'assemble', size, channels } satisfies AssembleRequest);
  });
}

export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function createAssembleWorker(): Worker {
  return new Worker(new URL('./assemble.worker.ts', import.meta.url), {
    type: 'module',
    name: 'cpc-assemble',
  });
}

function createDecodeWorker(): DecodeWorker {
  return new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'cpc-decode' });
}

/**
 * Decoding is nearly all of an import's time and each worker keeps one core busy; past 8 the disk and the
 * browser's own decode threads are the limit, and each worker may hold one full-size picture.
 */
export const MAX_DECODE_WORKERS = 8;

function defaultWorkers(): number {
  return Math.max(1, Math.min(MAX_DECODE_WORKERS, navigator.hardwareConcurrency || 2));
}
