import type { KeptImport } from './importSlice';

interface Props {
  /** The import that waits. */
  name: string;
  kept: KeptImport;
  onReplace: () => void;
  onKeep: () => void;
}

/** The page keeps one import in memory: a new one replaces it only when the user says so. */
export function ReplaceImportQuestion({ name, kept, onReplace, onKeep }: Props) {
  return (
    <div className="replace-import" role="alert" data-testid="import-replace">
      <p>
        Importing “{name}” replaces “{kept.name}” ({kept.result.set.count} images), which the page keeps so
        you can come back to it. Only one import is kept in memory.
      </p>
      <button data-testid="import-replace-confirm" onClick={onReplace}>
        Import “{name}”
      </button>
      <button data-testid="import-replace-keep" onClick={onKeep}>
        Keep “{kept.name}”
      </button>
    </div>
  );
}
