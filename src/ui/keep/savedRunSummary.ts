import type { SavedRun, SavedRunSummary } from './savedRun';

/** The list row of a run: everything but the checkpoint and the curves. */
export function summaryOf(run: SavedRun): SavedRunSummary {
  const { checkpoint: _checkpoint, history: _history, probeHistory: _probeHistory, ...summary } = run;
  return summary;
}

/** "1.4 MB", "820 KB": sizes in the run list and the autosave status. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} B`;
}
