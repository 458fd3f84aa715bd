import type { ImageSet } from '../../cpc/data/imageSet';
import type { RunStore, SavedRun, SavedRunSummary } from './savedRun';
import { summaryOf } from './savedRunSummary';

/** A RunStore in a Map: for tests, and for the page when the browser refuses IndexedDB. */
export function createMemoryRunStore(): RunStore {
  const runs = new Map<string, SavedRun>();
  const images = new Map<string, ImageSet>();
  return {
    list: async () =>
      [...runs.values()].map(summaryOf).sort((a: SavedRunSummary, b) => b.updatedAt - a.updatedAt),
    get: async (id) => runs.get(id) ?? null,
    save: async (run) => void runs.set(run.id, run),
    rename: async (id, name) => {
      const run = runs.get(id);
      if (!run) throw new Error('That run is no longer saved.');
      runs.set(id, { ...run, name });
    },
    remove: async (id) => {
      const imagesId = runs.get(id)?.dataset;
      runs.delete(id);
      if (
        imagesId?.kind === 'images' &&
        imagesId.storedImagesId &&
        !imagesInUse(runs, imagesId.storedImagesId)
      )
        images.delete(imagesId.storedImagesId);
    },
    saveImages: async (id, set) => void images.set(id, set),
    loadImages: async (id) => images.get(id) ?? null,
  };
}

function imagesInUse(runs: Map<string, SavedRun>, imagesId: string): boolean {
  return [...runs.values()].some((r) => r.dataset.kind === 'images' && r.dataset.storedImagesId === imagesId);
}
