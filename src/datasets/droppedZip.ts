/**
 * A .zip dropped on the page is either a saved run or a set of images. Its directory decides, not its
 * name: a checkpoint lists checkpoint.json and tensors.bin (src/cpc/checkpoint/format.ts), and anything
 * else is read as images with the import's limits. Only the directory is read to decide; a checkpoint is
 * then read whole (its own limits), a set of images never is. Runs in the archive worker (and in Node tests).
 */
import { listZipAt, type ReadAt } from '../cpc/archive/zipAt';
import { formatBytes, ZipError, type ZipEntry } from '../cpc/archive/zipReader';
import {
  checkCheckpointFile,
  checkpointSizeProblem,
  MANIFEST_FILE,
  TENSORS_FILE,
  type CheckpointFileCheck,
} from '../cpc/checkpoint/format';
import { CHECKPOINT_LIMITS } from '../cpc/checkpoint/limits';
import { MAX_ZIP_BYTES, MAX_ZIP_ENTRIES } from './limits';
import { listImportZip } from './zipImport';

export type DroppedZip =
  | { kind: 'checkpoint'; check: CheckpointFileCheck }
  /** The importable entries (./zipImport.ts), read later from the dropped file itself. */
  | { kind: 'images'; entries: ZipEntry[] }
  | { kind: 'refused'; message: string };

/** A dropped .zip is refused unread past the larger kind's limit; the kind's own limit applies next. */
export const MAX_DROPPED_ZIP_BYTES = Math.max(MAX_ZIP_BYTES, CHECKPOINT_LIMITS.maxFileBytes);

/** Why a dropped .zip of this many bytes is refused unread, or null. */
export function droppedZipSizeProblem(bytes: number): string | null {
  return bytes > MAX_DROPPED_ZIP_BYTES
    ? `Cannot read the .zip: it is ${formatBytes(bytes)}, over the ${formatBytes(MAX_DROPPED_ZIP_BYTES)} ` +
        'a dropped file may have.'
    : null;
}

/** Reads the directory, then the checkpoint or the images' listing, each with its own limits. */
export async function openDroppedZip(read: ReadAt, fileSize: number): Promise<DroppedZip> {
  let checkpoint: boolean;
  try {
    checkpoint = await listsCheckpoint(read, fileSize);
  } catch (error) {
    if (error instanceof ZipError)
      return { kind: 'refused', message: `Cannot read the .zip: ${error.message}.` };
    throw error;
  }
  if (checkpoint) {
    const tooLarge = checkpointSizeProblem(fileSize);
    if (tooLarge) return { kind: 'checkpoint', check: { ok: false, message: tooLarge } };
    return { kind: 'checkpoint', check: checkCheckpointFile(await read(0, fileSize)) };
  }
  try {
    return { kind: 'images', entries: await listImportZip(read, fileSize) };
  } catch (error) {
    return { kind: 'refused', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Only names are read: nothing is inflated until the kind is known. */
async function listsCheckpoint(read: ReadAt, fileSize: number): Promise<boolean> {
  const found = await listZipAt(read, fileSize, (name) => name === MANIFEST_FILE || name === TENSORS_FILE, {
    maxRecords: MAX_ZIP_ENTRIES,
    maxFiles: 2,
    // Sizes are the chosen reader's business (the checkpoint's or the import's limits), checked next.
    maxFileBytes: Number.MAX_SAFE_INTEGER,
    maxTotalBytes: Number.MAX_SAFE_INTEGER,
  });
  return found.length === 2;
}
