/**
 * A .zip dropped on the page is either a saved run or a set of images. Its directory decides, not its
 * name: a checkpoint lists checkpoint.json and tensors.bin (src/cpc/checkpoint/format.ts), and anything
 * else is read as images with the import's limits. Runs in the archive worker (and in Node tests).
 */
import { formatBytes, listZip, ZipError } from '../cpc/archive/zipReader';
import {
  checkCheckpointFile,
  MANIFEST_FILE,
  TENSORS_FILE,
  type CheckpointFileCheck,
} from '../cpc/checkpoint/format';
import { CHECKPOINT_LIMITS } from '../cpc/checkpoint/limits';
import { MAX_ZIP_BYTES, MAX_ZIP_ENTRIES } from './limits';
import { unpackImportZip, type UnpackedZip } from './zipImport';

export type DroppedZip =
  | { kind: 'checkpoint'; check: CheckpointFileCheck }
  | { kind: 'images'; zip: UnpackedZip }
  | { kind: 'refused'; message: string };

/** The worker reads a dropped .zip whole before it knows its kind, so the larger kind's limit applies. */
export const MAX_DROPPED_ZIP_BYTES = Math.max(MAX_ZIP_BYTES, CHECKPOINT_LIMITS.maxFileBytes);

/** Why a dropped .zip of this many bytes is refused unread, or null. */
export function droppedZipSizeProblem(bytes: number): string | null {
  return bytes > MAX_DROPPED_ZIP_BYTES
    ? `Cannot read the .zip: it is ${formatBytes(bytes)}, over the ${formatBytes(MAX_DROPPED_ZIP_BYTES)} ` +
        'a dropped file may have.'
    : null;
}

/** Reads the directory, then the checkpoint's manifest or the images, each with its own limits. */
export function openDroppedZip(bytes: Uint8Array): DroppedZip {
  let checkpoint: boolean;
  try {
    checkpoint = listsCheckpoint(bytes);
  } catch (error) {
    if (error instanceof ZipError)
      return { kind: 'refused', message: `Cannot read the .zip: ${error.message}.` };
    throw error;
  }
  if (checkpoint) return { kind: 'checkpoint', check: checkCheckpointFile(bytes) };
  try {
    return { kind: 'images', zip: unpackImportZip(bytes) };
  } catch (error) {
    return { kind: 'refused', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Only names are read: nothing is inflated until the kind is known. */
function listsCheckpoint(bytes: Uint8Array): boolean {
  const found = listZip(bytes, (name) => name === MANIFEST_FILE || name === TENSORS_FILE, {
    maxRecords: MAX_ZIP_ENTRIES,
    maxFiles: 2,
    // Sizes are the chosen reader's business (the checkpoint's or the import's limits), checked next.
    maxFileBytes: Number.MAX_SAFE_INTEGER,
    maxTotalBytes: Number.MAX_SAFE_INTEGER,
  });
  return found.length === 2;
}
