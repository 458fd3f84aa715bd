/**
 * Chromium's folder picker (showDirectoryPicker), where the browser has it. A folder picked through it is
 * listed and read by workers (src/datasets/browser/pickedFolder.ts); the folder input instead builds its
 * whole FileList in one main-thread task, 2.1–2.9 s for 10,000 files here, during which the page cannot draw.
 */
import type { DirectoryHandleLike } from '../../datasets/browser/pickedFolder';

export type ShowDirectoryPicker = (options?: {
  id?: string;
  mode?: 'read';
  startIn?: string;
}) => Promise<DirectoryHandleLike>;

/** Set once showDirectoryPicker was refused: a policy or a sandboxed frame holds for the whole page. */
let refused = false;

/**
 * The page's showDirectoryPicker, or null where the browser has none (Firefox, Safari) or once it was
 * refused: every folder picker on the page then opens its input's own dialog.
 */
export function directoryPicker(): ShowDirectoryPicker | null {
  if (refused) return null;
  const pick = (globalThis as { showDirectoryPicker?: ShowDirectoryPicker }).showDirectoryPicker;
  return typeof pick === 'function' ? (options) => pick.call(globalThis, options) : null;
}

/** The picker failed other than by the user closing it: it is not asked again on this page. */
export function markPickerRefused(): void {
  refused = true;
}

/** The user closed the picker without choosing: nothing to say. */
export function isPickCancelled(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Options for every pick: one id, so the browser opens where the last import came from. */
export const PICKER_OPTIONS = { id: 'cpc-import', mode: 'read', startIn: 'pictures' } as const;
