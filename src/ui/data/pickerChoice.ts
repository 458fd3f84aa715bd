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

/**
 * What the chooser shows: a built-in or generated set waiting for the user's word to switch (so its question
 * shows, even over an import), else the open picker while the run's set is one it knows, else the run's set.
 */
export function shownChoice(
  picker: Picker | null,
  dataset: DatasetSpec,
  pending: DatasetSpec | null = null,
): DatasetChoice {
  if (pending && pending.kind !== 'images') return choiceOf(pending);
  if (picker && (dataset === picker.over || dataset === picker.made)) return picker.choice;
  return choiceOf(dataset);
}

function choiceOf(dataset: DatasetSpec): DatasetChoice {
  return dataset.kind === 'builtin' ? dataset.name : dataset.kind;
}

/** An import as the chooser names it. */
export interface ImportEntry {
  name: string;
  count: number;
}

/**
 * The label of "Your images": the import the run trains on while it is shown, else the one kept on the page
 * (what picking it trains on), else nothing to name.
 */
export function importChoiceLabel(
  shown: DatasetChoice,
  dataset: DatasetSpec,
  kept: ImportEntry | null,
): string {
  const entry =
    shown === 'images' && dataset.kind === 'images' ? { name: dataset.name, count: dataset.set.count } : kept;
  return entry
    ? `Your images: ${entry.name} (${entry.count} image${entry.count === 1 ? '' : 's'})`
    : 'Your images';
}

/** Whether the run's set is the kept import (adapted to the run's size, so told by its name and count). */
export function sameImport(dataset: DatasetSpec, kept: ImportEntry | null): boolean {
  return (
    dataset.kind === 'images' &&
    kept !== null &&
    dataset.name === kept.name &&
    dataset.set.count === kept.count
  );
}
