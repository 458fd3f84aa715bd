import type { SavedRunSummary } from './savedRun';

/**
 * What a failed save leaves behind, for the end of its message: the run's previous save, untouched (each
 * save is one IndexedDB transaction, which a failure aborts whole).
 */
export function keptNote(savedRuns: readonly SavedRunSummary[], runId: string): string {
  const kept = savedRuns.find((run) => run.id === runId);
  return kept ? `Still kept: this run as saved at step ${kept.step}.` : 'Nothing of this run is saved yet.';
}
