import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { holdProbesWhileImporting } from '../data/holdProbes';
import { holdStoredImports } from '../data/holdStoredImports';
import { createImportSlice } from '../data/importSlice';
import { createDropSlice } from '../drop/dropSlice';
import { createAutosaveSlice } from './autosaveSlice';
import { createConfigSlice, type ConfigInit } from './configSlice';
import { createGuidedLessonSlice } from './guidedLessonSlice';
import { createImageFeatureSlice } from './imageFeatureSlice';
import { createKeepSlice } from './keepSlice';
import { createLessonSlice, type LessonInit } from './lessonSlice';
import { createMetricsSlice } from './metricsSlice';
import { writeOnChange } from './prefsStorage';
import { createProbeScheduleSlice } from './probeScheduleSlice';
import { createResumeSlice } from './resumeSlice';
import { createRunSlice } from './runSlice';
import type { PlaygroundState } from './types';
import { createUiPrefsSlice, validUiPrefs, type UiPrefs } from './uiPrefsSlice';

export type PlaygroundStore = StoreApi<PlaygroundState>;
export type PlaygroundInit = ConfigInit & LessonInit;

const PREFS_KEY = 'cpc-playground-ui';

/**
 * The page's one store: config, run, metrics and UI preferences. Only the preferences persist (in local
 * storage where there is one); a run lives in the worker and is never restored from storage.
 */
export function createPlaygroundStore(init: PlaygroundInit, storage?: StateStorage): PlaygroundStore {
  const store = createStore<PlaygroundState>()(
    persist(
      (...a) => ({
        ...createConfigSlice(init)(...a),
        ...createRunSlice(...a),
        ...createMetricsSlice(...a),
        ...createUiPrefsSlice(...a),
        ...createKeepSlice(...a),
        ...createAutosaveSlice(...a),
        ...createResumeSlice(...a),
        ...createLessonSlice(init)(...a),
        ...createImageFeatureSlice(...a),
        ...createDropSlice(...a),
        ...createImportSlice(...a),
        ...createGuidedLessonSlice(...a),
        ...createProbeScheduleSlice(...a),
      }),
      {
        name: PREFS_KEY,
        version: 1,
        storage: createJSONStorage(() => writeOnChange(storage ?? browserStorage())),
        partialize: (state): UiPrefs => ({
          hiddenPanels: state.hiddenPanels,
          howItWorksOpen: state.howItWorksOpen,
          presenter: state.presenter,
        }),
        merge: (restored, current) => ({ ...current, ...validUiPrefs(restored) }),
      },
    ),
  );
  // A guided lesson's "try this" is ticked by whatever change of the page completes it.
  store.subscribe((state) => state.updateLessonCheck());
  holdProbesWhileImporting(store);
  holdStoredImports(store);
  return store;
}

/** Local storage in the page; a throwaway map where there is none (Node tests, locked-down browsers). */
function browserStorage(): StateStorage {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // Access itself can throw (storage disabled); fall through to memory.
  }
  const memory = new Map<string, string>();
  return {
    getItem: (key) => memory.get(key) ?? null,
    setItem: (key, value) => void memory.set(key, value),
    removeItem: (key) => void memory.delete(key),
  };
}
