import { isStored, type ImageSet } from '../../cpc/data/imageSet';
import { deleteUnheldImports, holdImport } from '../../datasets/browser/storedImports';
import type { PlaygroundStore } from '../store/playgroundStore';
import type { PlaygroundState } from '../store/types';

/** How the page marks a stored import as in use, and deletes those no page uses (storedImports.ts). */
export interface ImportHolds {
  hold: (file: string) => () => void;
  sweep: () => Promise<void>;
}

const BROWSER_HOLDS: ImportHolds = { hold: holdImport, sweep: deleteUnheldImports };

/**
 * Keeps the files of the imports kept on disk that this page still uses (the kept import and the set it
 * trains on) held, and deletes the rest: at once (what closed tabs and earlier visits left), whenever the
 * page lets one go, and once more when the training worker is next ready: a file it still had open (its
 * run had not yet moved to the next set) could not be deleted the first time.
 */
export function holdStoredImports(store: PlaygroundStore, holds: ImportHolds = BROWSER_HOLDS): void {
  const held = new Map<string, () => void>();
  const sweep = () => void holds.sweep().catch(() => {});
  let sweepWhenReady = false;
  let loaded = store.getState().run.dataset;
  const update = (state: PlaygroundState) => {
    const used = new Set(storedFilesOf(state));
    let released = false;
    for (const [file, release] of held) {
      if (used.has(file)) continue;
      release();
      held.delete(file);
      released = true;
    }
    for (const file of used) if (!held.has(file)) held.set(file, holds.hold(file));
    const ready = state.run.dataset !== loaded && state.run.dataset !== null;
    loaded = state.run.dataset;
    if (released) sweepWhenReady = true;
    if (released || (ready && sweepWhenReady)) sweep();
    if (ready) sweepWhenReady = false;
  };
  update(store.getState());
  sweep();
  store.subscribe(update);
}

function storedFilesOf(state: PlaygroundState): string[] {
  const sets: (ImageSet | undefined)[] = [
    state.keptImport?.result.set,
    state.dataset.kind === 'images' ? state.dataset.set : undefined,
  ];
  return sets.flatMap((set) => (set && isStored(set.pixels) ? [set.pixels.file] : []));
}
