/**
 * The DOM side of a drop: what the DataTransfer held, what each file's first bytes show, and the import's
 * file list. The pure judgement of what it all means is ./classifyDrop.ts.
 */
import {
  filesFromEntries,
  type EntryLike,
  type FileEntryLike,
  type ImportFile,
} from '../../datasets/browser/fileSources';
import { listPickedFolder } from '../../datasets/browser/folderListClient';
import { filesOfDrop, type DirectoryHandleLike } from '../../datasets/browser/pickedFolder';
import { SNIFF_BYTES, sniffContent, type DroppedItem } from './classifyDrop';

/** A dropped folder's entry, and where the browser has it (Chromium), its handle, asked for in the drop. */
export type DroppedSource =
  | { kind: 'folder'; entry: FileSystemEntry; handle: Promise<DirectoryHandleLike | null> | null }
  | { kind: 'file'; file: File };

type WithHandle = DataTransferItem & { getAsFileSystemHandle?: () => Promise<{ kind: string } | null> };

/**
 * Must run inside the drop handler: the DataTransfer is emptied once it returns. Folders need their
 * entry (to walk them); files are taken as files, which also works for drops built in a page's script.
 */
export function takeDroppedSources(transfer: DataTransfer): DroppedSource[] {
  const sources: DroppedSource[] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    if (entry?.isDirectory) sources.push({ kind: 'folder', entry, handle: folderHandle(item) });
    else {
      const file = item.getAsFile();
      if (file) sources.push({ kind: 'file', file });
    }
  }
  return sources;
}

/** Each source as the classifier sees it: folders by name, files by their first bytes. */
export function describeSources(sources: readonly DroppedSource[]): Promise<DroppedItem[]> {
  return Promise.all(
    sources.map(async (source): Promise<DroppedItem> => {
      if (source.kind === 'folder') return { kind: 'folder', name: source.entry.name };
      const head = new Uint8Array(await source.file.slice(0, SNIFF_BYTES).arrayBuffer());
      return { kind: 'file', name: source.file.name, content: sniffContent(head) };
    }),
  );
}

/** The folder's handle, or null where the browser has none to give; asked for while the drop lasts. */
function folderHandle(item: WithHandle): Promise<DirectoryHandleLike | null> | null {
  if (typeof item.getAsFileSystemHandle !== 'function') return null;
  return item.getAsFileSystemHandle().then(
    (handle) => (handle?.kind === 'directory' ? (handle as DirectoryHandleLike) : null),
    () => null,
  );
}

/**
 * The files to import: folders walked recursively, loose files beside them (the import's label rules).
 * Where every dropped folder has a handle, they are imported as picked ones
 * (src/datasets/browser/pickedFolder.ts): a worker lists each, one at a time, and the decode workers open
 * their files, so the page makes no File of them. One folder is the set's root; several are its classes.
 */
export async function listSourceFiles(sources: readonly DroppedSource[]): Promise<ImportFile[]> {
  const folders = sources.flatMap((source) => (source.kind === 'folder' ? [source] : []));
  const handles = await Promise.all(folders.map((folder) => folder.handle));
  if (folders.length === 0 || handles.some((handle) => !handle))
    return filesFromEntries(sources.map(entryOf));
  if (sources.length === 1) return listPickedFolder(handles[0] as DirectoryHandleLike);
  const listed = [];
  for (const handle of handles) listed.push(await listPickedFolder(handle as DirectoryHandleLike));
  const loose = sources.flatMap((source) => (source.kind === 'file' ? [source.file] : []));
  return filesOfDrop(listed, loose);
}

function entryOf(source: DroppedSource): EntryLike {
  if (source.kind === 'folder') return source.entry as unknown as EntryLike;
  const { file } = source;
  const entry: FileEntryLike = { name: file.name, isFile: true, isDirectory: false, file: (ok) => ok(file) };
  return entry;
}
