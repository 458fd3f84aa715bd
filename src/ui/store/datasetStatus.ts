import type { DatasetStatus } from '../data/datasetChoice';
import type { TrainingView } from '../training/trainingView';

/** The data panel's view of an init: progress while the worker loads, the set's summary once ready. */
export function datasetStatusOf(run: TrainingView): DatasetStatus {
  if (run.phase === 'ready' && run.dataset) return { state: 'loaded', info: run.dataset };
  return { state: 'loading', fraction: run.progressFraction, message: run.progress };
}
