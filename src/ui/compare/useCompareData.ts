import { useEffect, useState } from 'react';
import type { RunStore, SavedRun, SavedRunSummary } from '../keep/savedRun';
import { loadRuns } from './loadRuns';

export interface SavedRunList {
  /** null while the list loads. */
  summaries: SavedRunSummary[] | null;
  error: string | null;
}

/** The store's runs, read again whenever `version` changes (a save, rename or delete elsewhere). */
export function useSavedRunList(store: RunStore | null, version: unknown): SavedRunList {
  const [state, setState] = useState<SavedRunList>({ summaries: null, error: null });
  useEffect(() => {
    if (!store) return;
    let current = true;
    store.list().then(
      (summaries) => current && setState({ summaries, error: null }),
      (error: unknown) => current && setState({ summaries: [], error: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [store, version]);
  return state;
}

export interface LoadedRuns {
  runs: SavedRun[];
  missing: string[];
  error: string | null;
}

const NOTHING_LOADED: LoadedRuns = { runs: [], missing: [], error: null };

/** The chosen runs in full; the previous ones stay shown until the new set has loaded. */
export function useLoadedRuns(store: RunStore | null, ids: readonly string[]): LoadedRuns {
  const [loaded, setLoaded] = useState<LoadedRuns>(NOTHING_LOADED);
  useEffect(() => {
    if (!store) return;
    let current = true;
    loadRuns(store, ids).then(
      ({ runs, missing }) => current && setLoaded({ runs, missing, error: null }),
      (error: unknown) => current && setLoaded({ ...NOTHING_LOADED, error: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [store, ids]);
  return loaded;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
