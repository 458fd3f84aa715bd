import type { RunStore, SavedRun } from '../keep/savedRun';

/**
 * The chosen runs in full (their curves), in the order chosen. A run deleted since the list was read is
 * left out and named in `missing`, so the view can say so instead of failing.
 */
export async function loadRuns(
  store: Pick<RunStore, 'get'>,
  ids: readonly string[],
): Promise<{ runs: SavedRun[]; missing: string[] }> {
  const found = await Promise.all(ids.map((id) => store.get(id)));
  return {
    runs: found.filter((run): run is SavedRun => run !== null),
    missing: ids.filter((_, i) => found[i] === null),
  };
}
