import type { StateCreator } from 'zustand';
import type { ClientEvent } from '../../worker/client';
import type { RunStore, SavedRunSummary } from '../keep/savedRun';
import type { PlaygroundMutators, PlaygroundState } from './types';

/**
 * The saved runs, shared by the autosave slice (which writes them) and the resume slice (which reads
 * them): the browser's run store, its list, renaming and deleting, and the one place their failures show.
 */
export interface KeepSlice {
  /** Null until opened, and for good when the browser refuses storage (`keepError` says why). */
  runStore: RunStore | null;
  /** The last storage or loading failure, in words for the page; training is never stopped by it. */
  keepError: string | null;
  savedRuns: SavedRunSummary[];
  /** `refusal`: why there is no store (the page then trains without saving). */
  attachRunStore: (store: RunStore | null, refusal?: string) => Promise<void>;
  refreshRuns: () => Promise<void>;
  renameRun: (id: string, name: string) => Promise<void>;
  deleteRun: (id: string) => Promise<void>;
  /**
   * Called for every worker event after `handleEvent`: autosave first (step 0 begins a new run), then
   * resume (which may continue a saved run in that new run's place).
   */
  keepEvent: (event: ClientEvent) => void;
}

export const createKeepSlice: StateCreator<PlaygroundState, PlaygroundMutators, [], KeepSlice> = (
  set,
  get,
) => {
  const fail = (error: unknown) => set({ keepError: errorMessage(error) });
  return {
    runStore: null,
    keepError: null,
    savedRuns: [],
    attachRunStore: async (store, refusal) => {
      set({ runStore: store, keepError: refusal ?? null });
      if (!store) return;
      await get().refreshRuns();
      const { savedRuns, runId } = get();
      set({ resumeOffer: savedRuns.find((r) => r.id !== runId && r.step > 0) ?? null });
    },
    refreshRuns: async () => {
      const { runStore } = get();
      if (!runStore) return;
      try {
        set({ savedRuns: await runStore.list() });
      } catch (error) {
        fail(error);
      }
    },
    renameRun: async (id, name) => {
      const { runStore, runId } = get();
      const trimmed = name.trim();
      if (!runStore || trimmed.length === 0) return;
      try {
        await runStore.rename(id, trimmed);
        if (id === runId) set({ runName: trimmed });
      } catch (error) {
        fail(error);
      }
      await get().refreshRuns();
    },
    deleteRun: async (id) => {
      const { runStore, runId, resumeOffer } = get();
      if (!runStore) return;
      try {
        await runStore.remove(id);
        if (id === runId) set({ imagesKeptFor: null });
        if (resumeOffer?.id === id) set({ resumeOffer: null });
      } catch (error) {
        fail(error);
      }
      await get().refreshRuns();
    },
    keepEvent: (event) => {
      get().autosaveEvent(event);
      get().resumeEvent(event);
    },
  };
};

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
