import type { StateCreator } from 'zustand';
import type { ImportFile } from '../../datasets/browser/fileSources';
import { isPanelHidden } from '../store/lessonSlice';
import type { PlaygroundMutators, PlaygroundState } from '../store/types';

/**
 * Which import section takes a drop: the Data panel's, or the resume dialog's while it asks for the
 * folder a saved run trained on (src/ui/keep/FolderRequest.tsx).
 */
export type DropTarget = 'data' | 'folder-request';

/** Images dropped anywhere on the page, waiting for their import section to read and decode them. */
export interface DroppedImport {
  /** Tells one drop of the same files from the next. */
  id: number;
  target: DropTarget;
  name: string;
  /** Read lazily by the section, so it can show its progress while the files are listed. */
  listFiles: () => Promise<ImportFile[]>;
}

/** The hand-over from the page-wide drop handler (./usePageDrop.ts) to the import section that runs it. */
export interface DropSlice {
  droppedImport: DroppedImport | null;
  /** Drops handed over so far: each gets the next id, so a finished one never clears a later one. */
  dropSerial: number;
  /** Addresses the drop to the section that needs it, bringing the Data panel back if a lesson hid it. */
  importDropped: (name: string, listFiles: () => Promise<ImportFile[]>) => void;
  /** The section is done with this drop (imported, failed or cancelled): it must not run again. */
  finishDroppedImport: (id: number) => void;
}

export const createDropSlice: StateCreator<PlaygroundState, PlaygroundMutators, [], DropSlice> = (
  set,
  get,
) => ({
  droppedImport: null,
  dropSerial: 0,
  importDropped: (name, listFiles) => {
    const state = get();
    const target: DropTarget = state.folderRequest ? 'folder-request' : 'data';
    if (target === 'data' && isPanelHidden(state, 'data')) state.togglePanelShown('data');
    const id = state.dropSerial + 1;
    set({ dropSerial: id, droppedImport: { id, target, name, listFiles } });
  },
  finishDroppedImport: (id) => {
    if (get().droppedImport?.id === id) set({ droppedImport: null });
  },
});
