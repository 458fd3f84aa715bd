/**
 * A folder picked through showDirectoryPicker, imported without a File on the page: a worker lists it
 * (folderList.worker.ts) and sends back paths only, and each decode worker opens its own files. The folder
 * input instead builds its whole FileList in one main-thread task (2.1–2.9 s for 10,000 files here), and
 * 10,000 Files and handles made on the page cost a 228 ms garbage collection there once the import ended.
 */
import { MAX_IMPORT_FILES } from '../limits';
import { sortByPath, tooManyFiles, type BlobFile, type ImportFile } from './fileSources';

/** The subset of the File System Access API a picked folder gives us, so the code runs on fakes in tests. */
export interface FileHandleLike {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
}
export interface DirectoryHandleLike {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<FileHandleLike | DirectoryHandleLike>;
  getDirectoryHandle(name: string): Promise<DirectoryHandleLike>;
  getFileHandle(name: string): Promise<FileHandleLike>;
}

/**
 * A file of a picked folder: `path` is '/'-separated, as the label rules expect, and relative to `folder`
 * unless `within` gives the path inside `folder` (a dropped folder beside others: see filesOfDrop).
 */
export interface FolderFile {
  path: string;
  folder: DirectoryHandleLike;
  within?: string;
}

/**
 * Every file's path under `folder`, relative to it (so the picked folder's own name is not a class, as
 * with the folder input). Stops past MAX_IMPORT_FILES, as a drop does, without listing the rest.
 */
export async function pathsInFolder(
  folder: DirectoryHandleLike,
  prefix = '',
  out: string[] = [],
): Promise<string[]> {
  for await (const child of folder.values()) {
    const path = prefix + child.name;
    if (child.kind === 'directory') {
      await pathsInFolder(child, `${path}/`, out);
      continue;
    }
    if (out.length === MAX_IMPORT_FILES)
      throw new Error(tooManyFiles(`more than ${MAX_IMPORT_FILES.toLocaleString('en')}`));
    out.push(path);
  }
  return out;
}

/** The import's list: each path with the folder it is found in, in natural order. */
export function filesInFolder(folder: DirectoryHandleLike, paths: readonly string[]): FolderFile[] {
  return sortByPath(paths.map((path) => ({ path, folder })));
}

/**
 * Opens one file of a picked folder. `folders` caches the subfolders looked up so far (by their place in
 * the import), so a batch of files in one class folder looks it up once.
 */
export async function openFolderFile(
  { path, folder, within = path }: FolderFile,
  folders = new Map<string, Promise<DirectoryHandleLike>>(),
): Promise<File> {
  const base = path.slice(0, path.length - within.length);
  const parts = within.split('/');
  let parent = Promise.resolve(folder);
  for (let depth = 1; depth < parts.length; depth++) {
    const at = base + parts.slice(0, depth).join('/');
    const name = parts[depth - 1];
    if (!folders.has(at))
      folders.set(
        at,
        parent.then((dir) => dir.getDirectoryHandle(name)),
      );
    parent = folders.get(at) as Promise<DirectoryHandleLike>;
  }
  const handle = await (await parent).getFileHandle(parts[parts.length - 1]);
  return handle.getFile();
}

/**
 * Several dropped folders, each listed (filesInFolder), and the loose files dropped beside them, as the
 * entry walk lists them: each folder is a class, its name in front of its files' paths (`within` keeps the
 * path inside the folder), and a loose file goes by its name.
 */
export function filesOfDrop(folders: readonly FolderFile[][], loose: readonly File[]): ImportFile[] {
  const files: ImportFile[] = [
    ...folders.flat().map(({ path, folder }) => ({ path: `${folder.name}/${path}`, folder, within: path })),
    ...loose.map((file) => ({ path: file.name, file })),
  ];
  if (files.length > MAX_IMPORT_FILES) throw new Error(tooManyFiles(files.length.toLocaleString('en')));
  return sortByPath(files);
}

/** A file left out of the import, with why. */
export type SkippedFile = { path: string; reason: string };

/**
 * A picked folder's file opened (other files as they are); one that cannot be, deleted since the pick say,
 * is skipped with why, as an unreadable file is.
 */
export async function openedOrSkipped(
  file: ImportFile,
  folders: Map<string, Promise<DirectoryHandleLike>>,
): Promise<BlobFile | SkippedFile> {
  if (!('folder' in file)) return file;
  try {
    return { path: file.path, file: await openFolderFile(file, folders) };
  } catch (error) {
    return {
      path: file.path,
      reason: `could not read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
