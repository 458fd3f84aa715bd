/**
 * Feeds an import's batches of files to a pool of decode workers and forwards each answer to the assemble
 * worker as it comes. A worker that gives no answer for `stallMs` while it holds batches (a read that
 * never ends, a worker the browser ended without an event) is replaced, and its batches go to the fresh
 * one; a batch that stalls a second time ends the import with a message. Before this, such an import
 * showed "N / total" for good (docs/benchmarks.md, rounds 12 and 13).
 */
import type { AssembleRequest } from './assembleProtocol';
import type { DecodeRequest, DecodeResponse } from './decodeProtocol';
import type { ImportFile } from './fileSources';

/** A decode worker as the queue uses it: a module Worker, or a fake in tests. */
export interface DecodeWorker {
  onmessage: ((message: MessageEvent<DecodeResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(request: DecodeRequest): void;
  terminate(): void;
}

/** Where the decoded outcomes go (the assemble worker), their pixels transferred. */
export interface OutcomeSink {
  postMessage(message: AssembleRequest, options: { transfer: Transferable[] }): void;
}

export interface DecodeQueueOptions {
  size: number;
  channels: 1 | 3;
  /** How many decode workers run at once. */
  workers: number;
  createWorker: () => DecodeWorker;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number }) => void;
  /** How long a worker holding batches may go without answering before it is replaced. */
  stallMs?: number;
  /** Batches a worker is given before a fresh one takes over from it. */
  batchesPerWorker?: number;
}

/**
 * A worker holds at most two batches of 8 files, and answers after each: the slowest legitimate answer,
 * 8 images at the 64-megapixel limit decoded in full, takes seconds, not a minute.
 */
export const DECODE_STALL_MS = 60_000;

/**
 * A worker decodes this many batches (512 files), then a fresh one takes over and the old one ends once it
 * has answered. What a decode leaves for the garbage collector (read buffers, decoders, canvases) waited
 * for it: at 10,000 files, 150 MiB of the tab's peak (docs/benchmarks.md, round 13). A worker's start is
 * a 17 kB module from the cache.
 */
export const DECODE_WORKER_BATCHES = 64;

/** How often the queue looks for a stalled worker. */
const STALL_CHECK_MS = 1_000;

/** Batches each decode worker has queued: the one it decodes and the next. */
const BATCHES_AHEAD = 2;

/** The least time between two progress reports. */
const PROGRESS_MS = 100;

interface Slot {
  worker: DecodeWorker;
  /** Ids of the batches sent to this worker and not yet answered, oldest first. */
  held: number[];
  /** When the worker last answered, or was given work while idle (Date.now()). */
  heardAt: number;
  /** Batches sent to this worker so far. */
  sent: number;
  /** Handed over to a fresh worker: it gets no more batches and ends once it has answered those it holds. */
  retiring: boolean;
}

/** Resolves once every batch's outcomes went to `sink`; its workers are ended either way. */
export function decodeInto(
  sink: OutcomeSink,
  batches: readonly ImportFile[][],
  options: DecodeQueueOptions,
): Promise<void> {
  let queue: DecodeQueue | undefined;
  const finished = new Promise<void>((resolve, reject) => {
    const { signal } = options;
    const abort = () => reject(new DOMException('Import cancelled.', 'AbortError'));
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort, { once: true });
    if (batches.length === 0) return resolve();
    queue = new DecodeQueue(sink, batches, options, resolve, reject);
  });
  return finished.finally(() => queue?.end());
}

/** The state of one import's decoding: which worker holds which batches, and what came back. */
class DecodeQueue {
  /** The workers being fed, then those retiring. */
  private slots: Slot[] = [];
  private readonly retried = new Set<number>();
  private readonly total: number;
  private readonly stallMs: number;
  private readonly batchesPerWorker: number;
  private readonly watch: ReturnType<typeof setInterval>;
  private next = 0;
  private answered = 0;
  private decoded = 0;
  private shownAt = performance.now();

  constructor(
    private readonly sink: OutcomeSink,
    private readonly batches: readonly ImportFile[][],
    private readonly options: DecodeQueueOptions,
    private readonly resolve: () => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.total = batches.reduce((n, batch) => n + batch.length, 0);
    this.stallMs = options.stallMs ?? DECODE_STALL_MS;
    this.batchesPerWorker = Math.max(BATCHES_AHEAD, options.batchesPerWorker ?? DECODE_WORKER_BATCHES);
    for (let w = 0; w < options.workers && w < batches.length; w++) this.start();
    this.watch = setInterval(() => {
      for (const slot of this.slots)
        if (slot.held.length > 0 && Date.now() - slot.heardAt >= this.stallMs) this.replace(slot);
    }, STALL_CHECK_MS);
  }

  end(): void {
    clearInterval(this.watch);
    for (const slot of this.slots) slot.worker.terminate();
  }

  /** A fresh worker, given its first batches. */
  private start(): void {
    const slot: Slot = {
      worker: this.options.createWorker(),
      held: [],
      heardAt: Date.now(),
      sent: 0,
      retiring: false,
    };
    this.slots.push(slot);
    this.listen(slot);
    // Two batches each: a worker reads its next batch's first file while it decodes its last one.
    for (let queued = 0; queued < BATCHES_AHEAD; queued++) this.feed(slot);
  }

  private send(slot: Slot, id: number): void {
    if (slot.held.length === 0) slot.heardAt = Date.now();
    slot.held.push(id);
    slot.sent++;
    const { size, channels } = this.options;
    slot.worker.postMessage({ id, files: this.batches[id], size, channels } satisfies DecodeRequest);
  }

  private feed(slot: Slot): void {
    if (this.next >= this.batches.length) return;
    if (slot.sent < this.batchesPerWorker) return this.send(slot, this.next++);
    // The successor starts (and loads) while this worker decodes the batch it still holds.
    slot.retiring = true;
    this.start();
    if (slot.held.length === 0) this.retire(slot);
  }

  private listen(slot: Slot): void {
    slot.worker.onmessage = (message) => this.answer(slot, message.data);
    slot.worker.onerror = (event) => this.reject(new Error(`A decode worker failed: ${event.message}`));
  }

  private answer(slot: Slot, { id, outcomes, refused }: DecodeResponse): void {
    if (refused !== undefined) return this.reject(new Error(refused));
    // An answer for a batch this worker no longer holds: nothing of it is forwarded twice.
    const at = slot.held.indexOf(id);
    if (at < 0) return;
    slot.held.splice(at, 1);
    slot.heardAt = Date.now();
    const transfer = outcomes.flatMap((o) => ('pixels' in o ? [o.pixels.buffer as ArrayBuffer] : []));
    this.sink.postMessage({ kind: 'outcomes', outcomes } satisfies AssembleRequest, { transfer });
    this.decoded += outcomes.length;
    // At most ten redraws a second: a render per batch was a tenth of the main thread's time.
    if (performance.now() - this.shownAt >= PROGRESS_MS || this.decoded === this.total) {
      this.shownAt = performance.now();
      this.options.onProgress?.({ done: this.decoded, total: this.total });
    }
    if (++this.answered === this.batches.length) this.resolve();
    else if (!slot.retiring) this.feed(slot);
    else if (slot.held.length === 0) this.retire(slot);
  }

  private retire(slot: Slot): void {
    slot.worker.onmessage = slot.worker.onerror = null;
    slot.worker.terminate();
    this.slots = this.slots.filter((s) => s !== slot);
  }

  /** A fresh worker for a stalled one, given the same batches; a batch stalled twice ends the import. */
  private replace(slot: Slot): void {
    const stuck = slot.held;
    if (stuck.some((id) => this.retried.has(id)))
      return this.reject(new Error(stalledMessage(this.batches[stuck[0]], this.stallMs)));
    slot.worker.onmessage = slot.worker.onerror = null;
    slot.worker.terminate();
    slot.worker = this.options.createWorker();
    slot.held = [];
    slot.sent = 0;
    this.listen(slot);
    for (const id of stuck) {
      this.retried.add(id);
      this.send(slot, id);
    }
  }
}

/** The page's sentence for a batch that stalled twice: where, and what the user can do. */
export function stalledMessage(batch: readonly ImportFile[], stallMs: number): string {
  const seconds = Math.round(stallMs / 1000);
  const after = batch.length - 1;
  const others = after > 1 ? ` and the ${after} files after it` : after === 1 ? ' and the file after it' : '';
  return (
    `The import stopped: reading or decoding ${batch[0]?.path ?? 'a file'}${others} gave no answer in ` +
    `${seconds} s, twice. The current set is kept. Import the folder again, or without those files.`
  );
}
