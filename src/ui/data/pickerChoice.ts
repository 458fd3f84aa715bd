import type { DatasetSpec } from '../../worker/protocol';
import type { DatasetChoice } from './datasetChoice';

/**
 * A chooser that waits for the user's images: opened over `over` (the run's set at the time), and for the
 * webcam also the set `made` from its frames, which keeps the recording on screen once it trains.
 */
export interface Picker {
  choice: 'images' | 'webcam';
  over: DatasetSpec;
  made: DatasetSpec | null;
}

/** What the chooser shows: the open picker while the run's set is one it knows, else the run's set. */
export function shownChoice(picker: Picker | null, dataset: DatasetSpec): DatasetChoice {
  if (picker && (dataset === picker.over || dataset === picker.made)) return picker.choice;
  return dataset.kind === 'builtin' ? dataset.name : dataset.kind;
}
