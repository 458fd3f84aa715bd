import type { DataImport } from './importSlice';

interface Props {
  state: DataImport;
  onCancel: () => void;
  onDismiss: () => void;
}

/**
 * What an import does while the user is on another set: it goes on decoding, and when done it waits under
 * "Your images" without touching the run. A failure there is said here, since its section is not shown.
 */
export function BackgroundImport({ state, onCancel, onDismiss }: Props) {
  if (state.phase === 'reading' || state.phase === 'decoding') {
    const progress = state.phase === 'decoding' ? ` (${state.done} / ${state.total} files)` : '';
    return (
      <div className="background-import" data-testid="background-import">
        <span>
          Importing “{state.name}” in the background{progress}. It will wait under “Your images”; the run
          keeps its set.
        </span>
        <button data-testid="background-import-cancel" onClick={onCancel}>
          Cancel import
        </button>
      </div>
    );
  }
  if ((state.phase !== 'done' && state.phase !== 'failed') || !state.inBackground) return null;
  return (
    <div className="background-import" data-testid="background-import" role="status">
      <span>
        {state.phase === 'done'
          ? `“${state.name}” finished importing in the background: ${state.result.set.count} images, ` +
            'kept under “Your images”. Pick it to train on them.'
          : `Importing “${state.name}” failed: ${state.message}`}
      </span>
      <button onClick={onDismiss}>Dismiss</button>
    </div>
  );
}
