/**
 * A .zip of images, read with the import's limits (./limits.ts) without ever holding the archive: the
 * archive worker reads its tail and directory and checks them before anything is inflated; each decode
 * worker then reads and inflates the entries it decodes, one at a time. A damaged entry (its data cut
 * off, lying about its size, failing its checksum) refuses the whole import, as a damaged directory does.
 */
import { listZipAt, readZipEntryAt, type ReadAt } from '../cpc/archive/zipAt';
import { formatBytes, ZipError, type ZipEntry } from '../cpc/archive/zipReader';
import { isHiddenPath } from './labels';
import {
  MAX_IMPORT_FILES,
  MAX_ZIP_BYTES,
  MAX_ZIP_ENTRIES,
  MAX_ZIP_FILE_BYTES,
  MAX_ZIP_INFLATED_BYTES,
} from './limits';

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

/**
 * The importable entries, paths as stored (a single top folder not yet stripped). Throws an Error whose
 * message is the page's sentence when the archive breaks a limit or its directory is damaged.
 */
export async function listImportZip(read: ReadAt, fileSize: number): Promise<ZipEntry[]> {
  const tooLarge = zipSizeProblem(fileSize);
  if (tooLarge) throw new Error(tooLarge);
  return pageSentence(() =>
    listZipAt(read, fileSize, isImportable, {
      maxRecords: MAX_ZIP_ENTRIES,
      maxFiles: MAX_IMPORT_FILES,
      maxFileBytes: MAX_ZIP_FILE_BYTES,
      maxTotalBytes: MAX_ZIP_INFLATED_BYTES,
    }),
  );
}

/** One listed entry's bytes; throws the page's sentence when its data is damaged or lies. */
export function readImportEntry(read: ReadAt, fileSize: number, entry: ZipEntry): Promise<Uint8Array> {
  return pageSentence(() => readZipEntryAt(read, fileSize, entry));
}

async function pageSentence<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ZipError)
      throw new Error(`Cannot import the .zip: ${error.message}.`, { cause: error });
    throw error;
  }
}
