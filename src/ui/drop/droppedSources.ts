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
import { SNIFF_BYTES, sniffContent, type DroppedItem } from './classifyDrop';

export type DroppedSource = { kind: 'folder'; entry: FileSystemEntry } | { kind: 'file'; file: File };

/**
 * Must run inside the drop handler: the DataTransfer is emptied once it returns. Folders need their
 * entry (to walk them); files are taken as files, which also works for drops built in a page's script.
 */
export function takeDroppedSources(transfer: DataTransfer): DroppedSource[] {
  const sources: DroppedSource[] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    if (entry?.isDirectory) sources.push({ kind: 'folder', entry });
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

/** The files to import: folders walked recursively, loose files beside them (the import's label rules). */
export function listSourceFiles(sources: readonly DroppedSource[]): Promise<ImportFile[]> {
  return filesFromEntries(sources.map(entryOf));
}

function entryOf(source: DroppedSource): EntryLike {
  if (source.kind === 'folder') return source.entry as unknown as EntryLike;
  const { file } = source;
  const entry: FileEntryLike = { name: file.name, isFile: true, isDirectory: false, file: (ok) => ok(file) };
  return entry;
}
