/**
 * A dropped .zip's images, read in the archive worker with the import's limits (./limits.ts): the
 * directory is checked before anything is inflated, and every kept file lands in one buffer, so the page
 * gets a single transfer back.
 */
import { formatBytes, inflateZipEntry, listZip, ZipError } from '../cpc/archive/zipReader';
import { isHiddenPath } from './labels';
import {
  MAX_IMPORT_FILES,
  MAX_ZIP_BYTES,
  MAX_ZIP_ENTRIES,
  MAX_ZIP_FILE_BYTES,
  MAX_ZIP_INFLATED_BYTES,
} from './limits';

export interface UnpackedZip {
  /** Every kept file's bytes, end to end. */
  data: Uint8Array;
  /** Paths as stored (a single top folder not yet stripped), with their place in `data`. */
  files: { path: string; offset: number; length: number }[];
}

/** Why a .zip of this many bytes is refused unread, or null. */
export function zipSizeProblem(bytes: number): string | null {
  return bytes > MAX_ZIP_BYTES
    ? `Cannot import the .zip: it is ${formatBytes(bytes)}, over the limit of ${formatBytes(MAX_ZIP_BYTES)}. ` +
        'Unzip it and import the folder instead.'
    : null;
}

/** Folders, macOS resource forks and hidden files are left in the archive, never inflated. */
function isImportable(name: string): boolean {
  return !name.endsWith('/') && !name.startsWith('__MACOSX/') && !isHiddenPath(name);
}

/** Throws an Error whose message is the page's sentence when the archive breaks a limit or is damaged. */
export function unpackImportZip(bytes: Uint8Array): UnpackedZip {
  const tooLarge = zipSizeProblem(bytes.length);
  if (tooLarge) throw new Error(tooLarge);
  try {
    const entries = listZip(bytes, isImportable, {
      maxRecords: MAX_ZIP_ENTRIES,
      maxFiles: MAX_IMPORT_FILES,
      maxFileBytes: MAX_ZIP_FILE_BYTES,
      maxTotalBytes: MAX_ZIP_INFLATED_BYTES,
    });
    const data = new Uint8Array(entries.reduce((sum, entry) => sum + entry.size, 0));
    let offset = 0;
    const files = entries.map((entry) => {
      inflateZipEntry(bytes, entry, data.subarray(offset, offset + entry.size));
      const file = { path: entry.name, offset, length: entry.size };
      offset += entry.size;
      return file;
    });
    return { data, files };
  } catch (error) {
    if (error instanceof ZipError)
      throw new Error(`Cannot import the .zip: ${error.message}.`, { cause: error });
    throw error;
  }
}
