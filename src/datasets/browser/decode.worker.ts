/**
 * A decode worker: answers each batch of files with one outcome per file, pixels transferred. A file
 * still packed in a .zip is read and inflated here first; a damaged entry refuses the whole import.
 * Batches queue up (the page keeps two with each worker) and are decoded in order, one file at a time,
 * so a worker holds at most one full-size decoded picture; the next JPEG's bytes are read meanwhile (small
 * ones a batch at a time, in one request).
 * The files of a picked folder are opened here as their batch arrives, so the page makes no File of them.
 */
import { readImportEntry } from '../zipImport';
import { readBlobAt } from './blobReader';
import type { DecodeRequest, DecodeResponse } from './decodeProtocol';
import { decodeImageFile } from './decodeImageFile';
import type { BlobFile } from './fileSources';
import { openedOrSkipped, type DirectoryHandleLike, type SkippedFile } from './pickedFolder';
import { readTogether } from './groupedReads';
import { prefetchable } from './prefetch';
import { ReusedReads, STREAMED_READ_BYTES } from './reusedReads';

/** A batch waiting its turn; a picked folder's files are opened as it arrives, `opened` once they are. */
interface Queued {
  request: DecodeRequest;
  files: Promise<(BlobFile | SkippedFile)[]>;
  opened?: (BlobFile | SkippedFile)[];
}

const queue: Queued[] = [];
let draining = false;
/** Bytes being read ahead, by file (a file is the same object in its batch and in the queue). */
const readAhead = new Map<BlobFile, Promise<Uint8Array>>();
/** The buffers large JPEGs are read into: the one decoding and the one read ahead. */
const reads = new ReusedReads();
/** Files read with others: views of one buffer, never given back to `reads` (other views may still be in use). */
const readWithOthers = new WeakSet<BlobFile>();

self.onmessage = (message: MessageEvent<DecodeRequest>) => {
  const folders = new Map<string, Promise<DirectoryHandleLike>>();
  const queued: Queued = {
    request: message.data,
    files: Promise.all(message.data.files.map((file) => openedOrSkipped(file, folders))),
  };
  void queued.files.then((files) => (queued.opened = files));
  queue.push(queued);
  if (!draining) void drain();
};

async function drain(): Promise<void> {
  draining = true;
  for (let next = queue.shift(); next; next = queue.shift()) await decodeBatch(next);
  draining = false;
}

async function decodeBatch(queued: Queued): Promise<void> {
  const { id, size, channels } = queued.request;
  const outcomes: DecodeResponse['outcomes'] = [];
  const files = await queued.files;
  // This batch's small JPEGs in one read, unless they were read as the next batch's.
  readTogetherAhead(files);
  for (const [i, importFile] of files.entries()) {
    if ('reason' in importFile) {
      outcomes.push(importFile);
      continue;
    }
    // The next batch's small JPEGs in one read (once its files are open); a large one, the next file alone.
    readTogetherAhead(queue[0]?.opened);
    readAheadOf(files[i + 1] ?? queue[0]?.opened?.[0]);
    const whole = readAhead.get(importFile) ?? (prefetchable(importFile) ? readBytes(importFile) : undefined);
    readAhead.delete(importFile);
    let file: Blob;
    try {
      file = await unpacked(importFile);
    } catch (error) {
      const refused = error instanceof Error ? error.message : String(error);
      self.postMessage({ id, outcomes: [], refused } satisfies DecodeResponse);
      return;
    }
    outcomes.push(await decodeOne(importFile.path, file, size, channels, whole));
    // Decoded (its outcome holds pixels of its own), so its buffer may take another file.
    if (whole && !readWithOthers.has(importFile)) reads.release(await whole.catch(() => new Uint8Array(0)));
  }
  const transfer = outcomes.flatMap((o) => ('pixels' in o ? [o.pixels.buffer as ArrayBuffer] : []));
  self.postMessage({ id, outcomes } satisfies DecodeResponse, { transfer });
}

/**
 * Starts reading the next file while this one decodes: each read is a round trip to the browser process,
 * which the worker otherwise waited out file after file. Only what `prefetchable` allows (unpacked JPEGs
 * of a few MB), so a worker holds at most one more file's bytes.
 */
function readAheadOf(next: BlobFile | SkippedFile | undefined): void {
  if (!next || !('file' in next) || readAhead.has(next) || !prefetchable(next)) return;
  readAhead.set(next, readBytes(next));
}

/**
 * Reads a batch's small JPEGs (under STREAMED_READ_BYTES, those not read yet) in one request
 * (./groupedReads.ts): at most a batch's worth, 8 files of under 1 MiB, beside the one decoding.
 */
function readTogetherAhead(batch: readonly (BlobFile | SkippedFile)[] | undefined): void {
  const small = (batch ?? []).filter(
    (f): f is BlobFile =>
      'file' in f && !readAhead.has(f) && prefetchable(f) && f.file.size < STREAMED_READ_BYTES,
  );
  if (small.length < 2) return;
  const bytes = readTogether(small.map((f) => f.file));
  small.forEach((f, i) => {
    readAhead.set(f, bytes[i]);
    readWithOthers.add(f);
  });
}

function readBytes({ file }: BlobFile): Promise<Uint8Array> {
  const bytes = reads.read(file);
  bytes.catch(() => {}); // its failure is reported when the file's turn comes
  return bytes;
}

async function unpacked({ file, packed }: BlobFile): Promise<Blob> {
  return packed ? new Blob([(await readImportEntry(readBlobAt(file), file.size, packed)) as BlobPart]) : file;
}

async function decodeOne(
  path: string,
  file: Blob,
  size: number,
  channels: 1 | 3,
  whole: Promise<Uint8Array> | undefined,
): Promise<DecodeResponse['outcomes'][number]> {
  try {
    return await decodeImageFile(path, file, size, channels, whole);
  } catch (error) {
    return { path, reason: `could not read: ${error instanceof Error ? error.message : String(error)}` };
  }
}
