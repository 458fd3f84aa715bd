import type { CheckpointFileCheck } from '../../cpc/checkpoint/format';
import { openDroppedZipFile } from '../../datasets/browser/archiveClient';
import { filesFromZip, type ImportFile } from '../../datasets/browser/fileSources';
import { classifyDrop } from './classifyDrop';
import { describeSources, listSourceFiles, type DroppedSource } from './droppedSources';

/** What the page says about a drop while it works on it, or when it refuses it. */
export type DropNotice = { kind: 'opening'; name: string } | { kind: 'refused'; message: string };

export interface DropActions {
  /** Null clears the notice. */
  notice: (notice: DropNotice | null) => void;
  importImages: (name: string, listFiles: () => Promise<ImportFile[]>) => void;
  resume: (check: CheckpointFileCheck, fileName: string) => Promise<void>;
  /** False once a later drop has replaced this one: its outcome is dropped. */
  current: () => boolean;
}

/**
 * Carries out what the dropped content means: images go to an import section, a .zip is opened in the
 * archive worker and resumes or imports as its directory says, anything else gets a message. Nothing here
 * touches the run unless the drop is usable, so a bad drop never costs the current run.
 */
export async function actOnDrop(sources: readonly DroppedSource[], act: DropActions): Promise<void> {
  const plan = classifyDrop(await describeSources(sources));
  if (!act.current()) return;
  switch (plan.kind) {
    case 'nothing':
      return;
    case 'refused':
      return act.notice(plan);
    case 'images':
      act.notice(null);
      return act.importImages(plan.name, () => listSourceFiles(sources));
    case 'archive':
      return openArchive(sources[0], plan.name, act);
  }
}

async function openArchive(source: DroppedSource, name: string, act: DropActions): Promise<void> {
  if (source.kind !== 'file') return;
  act.notice({ kind: 'opening', name });
  const opened = await openDroppedZipFile(source.file);
  if (!act.current()) return;
  switch (opened.kind) {
    case 'refused':
      return act.notice({
        kind: 'refused',
        message: `${name} was not opened. ${opened.message} The current run goes on.`,
      });
    case 'images': {
      act.notice(null);
      const files = filesFromZip(source.file, opened.entries);
      return act.importImages(name, async () => files);
    }
    case 'checkpoint':
      act.notice(null);
      return act.resume(opened.check, name);
  }
}
