/**
 * Turns whatever the user handed over (a picked folder, dropped folders and files, a .zip) into one flat
 * list of files with '/'-separated paths relative to the chosen folder, which is what the label rules
 * expect. Hidden files stay in the list; the importer drops them silently.
 */
import { unzip } from 'fflate';
import { compareNames } from '../labels';

export interface ImportFile {
  path: string;
  file: Blob;
}

/**
 * A folder picker's files: webkitRelativePath starts with the chosen folder's own name, which is not a
 * class, so it goes. Plain multi-file picks have no relative path and keep their names.
 */
export function filesFromPicker(files: ArrayLike<File>): ImportFile[] {
  const list = Array.from(files, (file) => ({ path: file.webkitRelativePath || file.name, file }));
  const picked = list.some((f) => f.path.includes('/')) ? stripSingleRoot(list) : list;
  return sortByPath(picked);
}

/** The subset of the FileSystem entry API a drop gives us, so traversal runs on fakes in tests. */
export interface EntryLike {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
}
export interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, failure: (error: unknown) => void): void;
}
export interface DirectoryEntryLike extends EntryLike {
  createReader(): {
    readEntries(success: (entries: EntryLike[]) => void, failure: (error: unknown) => void): void;
  };
}

/**
 * Walks dropped entries recursively. A single dropped folder is the dataset root (its subfolders are the
 * classes); several dropped folders are the classes themselves.
 */
export async function filesFromEntries(entries: readonly EntryLike[]): Promise<ImportFile[]> {
  const out: ImportFile[] = [];
  for (const entry of entries) await walk(entry, entry.name, out);
  const single = entries.length === 1 && entries[0].isDirectory;
  return sortByPath(single ? stripSingleRoot(out) : out);
}

async function walk(entry: EntryLike, path: string, out: ImportFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileEntryLike).file(resolve, reject));
    out.push({ path, file });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as DirectoryEntryLike).createReader();
  // readEntries hands back at most ~100 entries per call; an empty batch means the folder is done.
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, `${path}/${child.name}`, out);
  }
}

/**
 * A .zip's files. Folder entries and macOS resource forks go; a single top folder is the root. fflate
 * inflates large entries in its own workers, so the page stays responsive.
 */
export function filesFromZip(zipBytes: Uint8Array): Promise<ImportFile[]> {
  return new Promise((resolve, reject) =>
    unzip(zipBytes, { filter: (entry) => isZipFile(entry.name) }, (error, entries) =>
      error
        ? reject(new Error(`Cannot read the .zip: ${error.message}`))
        : resolve(zipListingToFiles(entries)),
    ),
  );
}

export function zipListingToFiles(entries: Record<string, Uint8Array>): ImportFile[] {
  const files = Object.entries(entries)
    .filter(([name]) => isZipFile(name))
    .map(([name, bytes]) => ({ path: name.replace(/^\/+/, ''), file: new Blob([bytes as BlobPart]) }));
  return sortByPath(stripSingleRoot(files));
}

function isZipFile(name: string): boolean {
  return !name.endsWith('/') && !name.startsWith('__MACOSX/');
}

/** Drops the first path part when every file sits under the same top folder. */
export function stripSingleRoot<T extends { path: string }>(files: T[]): T[] {
  const roots = new Set(files.map((f) => (f.path.includes('/') ? f.path.slice(0, f.path.indexOf('/')) : '')));
  if (roots.size !== 1 || roots.has('')) return files;
  return files.map((f) => ({ ...f, path: f.path.slice(f.path.indexOf('/') + 1) }));
}

function sortByPath(files: ImportFile[]): ImportFile[] {
  return files.sort((a, b) => compareNames(a.path, b.path));
}

/** True for a name the importer should open as an archive rather than as an image. */
export function isZipName(name: string): boolean {
  return name.toLowerCase().endsWith('.zip');
}
