/**
 * Turns whatever the user handed over (a picked folder, dropped folders and files, a .zip) into one flat
 * list of files with '/'-separated paths relative to the chosen folder, which is what the label rules
 * expect. Hidden files stay in the list; the importer drops them silently.
 */
import { compareNames } from '../labels';
import { MAX_IMPORT_FILES } from '../limits';
import type { ZipEntry } from '../../cpc/archive/zipReader';
import type { FolderFile } from './pickedFolder';

/** A file to import: one the page holds, or one of a folder picked through showDirectoryPicker. */
export type ImportFile = BlobFile | FolderFile;

export interface BlobFile {
  path: string;
  /** The file, or for a file still packed in a .zip, the archive from the entry's local header on. */
  file: Blob;
  /** A .zip's entry, its offset counted from the start of `file`; the decode worker inflates it. */
  packed?: ZipEntry;
}

/**
 * A folder picker's files: webkitRelativePath starts with the chosen folder's own name, which is not a
 * class, so it goes. Plain multi-file picks have no relative path and keep their names.
 */
export function filesFromPicker(files: ArrayLike<File>): BlobFile[] {
  if (files.length > MAX_IMPORT_FILES) throw new Error(tooManyFiles(files.length.toLocaleString('en')));
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
export async function filesFromEntries(entries: readonly EntryLike[]): Promise<BlobFile[]> {
  const out: BlobFile[] = [];
  for (const entry of entries) await walk(entry, entry.name, out);
  const single = entries.length === 1 && entries[0].isDirectory;
  return sortByPath(single ? stripSingleRoot(out) : out);
}

async function walk(entry: EntryLike, path: string, out: BlobFile[]): Promise<void> {
  if (entry.isFile) {
    // Stops the walk early: a folder of 100,000 files would otherwise be listed in full first.
    if (out.length === MAX_IMPORT_FILES)
      throw new Error(tooManyFiles(`more than ${MAX_IMPORT_FILES.toLocaleString('en')}`));
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
 * The files of a .zip the archive worker listed: slices of the archive, each from its entry's local
 * header to the end of its data (the header's variable part at most 2 × 64 KiB), so nothing is read until
 * a decode worker inflates it. A single top folder is the root.
 */
export function filesFromZip(archive: Blob, entries: readonly ZipEntry[]): BlobFile[] {
  const listed = entries.map((entry) => {
    const end = entry.localOffset + LOCAL_HEADER_MAX_BYTES + entry.compressedSize;
    return {
      path: entry.name,
      file: archive.slice(entry.localOffset, end),
      packed: { ...entry, localOffset: 0 },
    };
  });
  return sortByPath(stripSingleRoot(listed));
}

/** A local header: 30 fixed bytes, then a name and an extra field of up to 64 KiB each. */
const LOCAL_HEADER_MAX_BYTES = 30 + 2 * 0xffff;

export function tooManyFiles(found: string): string {
  const limit = MAX_IMPORT_FILES.toLocaleString('en');
  return `This import holds ${found} files; an import takes at most ${limit}. Import fewer classes or a smaller folder.`;
}

/** Drops the first path part when every file sits under the same top folder. */
export function stripSingleRoot<T extends { path: string }>(files: T[]): T[] {
  const roots = new Set(files.map((f) => (f.path.includes('/') ? f.path.slice(0, f.path.indexOf('/')) : '')));
  if (roots.size !== 1 || roots.has('')) return files;
  return files.map((f) => ({ ...f, path: f.path.slice(f.path.indexOf('/') + 1) }));
}

export function sortByPath<T extends { path: string }>(files: T[]): T[] {
  return files.sort((a, b) => compareNames(a.path, b.path));
}

/** True for a name the importer should open as an archive rather than as an image. */
export function isZipName(name: string): boolean {
  return name.toLowerCase().endsWith('.zip');
}
