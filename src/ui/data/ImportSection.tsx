import type { ReactNode } from 'react';
import { classCounts, emptyImportMessage, type ImportResult } from '../../datasets/assembleImport';
import type { DropTarget } from '../drop/dropSlice';
import { useDroppedImport } from '../drop/useDroppedImport';
import { DatasetSummary } from './DatasetSummary';
import { DropZone } from './DropZone';
import type { KeptImport, ListFiles } from './importSlice';
import { importNotes } from './importNotes';
import { ImportProgress } from './ImportProgress';
import { ReplaceImportQuestion } from './ReplaceImportQuestion';
import { SkippedFiles } from './SkippedFiles';
import { ThumbnailGrid } from './ThumbnailGrid';

/** Where an import stands, as the section shows it (the panel's import in the store, or a local one). */
export type ImportView =
  | { phase: 'idle' }
  | { phase: 'confirm'; name: string }
  | { phase: 'reading' }
  | { phase: 'decoding'; done: number; total: number }
  | { phase: 'done'; result: ImportResult; filesSeen: number }
  | { phase: 'cancelled' }
  | { phase: 'failed'; message: string };

export interface Importer {
  state: ImportView;
  start: (name: string, listFiles: ListFiles) => Promise<void>;
  cancel: () => void;
}

/** The import kept from before, and the answers to the question a new one asks before replacing it. */
export interface KeptForSection {
  kept: KeptImport | null;
  /** False while the run trains on another import (a resumed run's): that one's summary is shown instead. */
  shown: boolean;
  replace: () => void;
  keep: () => void;
}

interface Props {
  importer: Importer;
  /** The side the images train at, for the note on enlarged images. */
  trainingSize: number;
  /** Shown until a folder is picked here (e.g. the summary of an imported set a resumed run brought back). */
  beforeImport?: ReactNode;
  /** Shown under the summary of an import that brought images (e.g. the config fitted to them). */
  afterSummary?: ReactNode;
  /** Which drops on the page this section imports. */
  dropTarget: DropTarget;
  /** The Data panel keeps its last import; the resume dialog's section keeps nothing. */
  kept?: KeptForSection;
}

/** "Your images": drop or pick, watch it decode (or cancel), then see what came in and what did not. */
export function ImportSection({
  importer,
  trainingSize,
  beforeImport,
  afterSummary,
  dropTarget,
  kept,
}: Props) {
  const { state, start, cancel } = importer;
  useDroppedImport(dropTarget, start);
  const busy = state.phase === 'reading' || state.phase === 'decoding';
  const keptImport = kept?.kept ?? null;
  const keptShown = kept?.shown ?? true;
  // A finished import is shown; otherwise (asked, cancelled, failed) the kept one, which is still there.
  const shown =
    state.phase === 'done' && (keptShown || state.result !== keptImport?.result)
      ? state
      : !busy && keptShown && keptImport;
  return (
    <div className="import-section">
      <DropZone disabled={busy} onFiles={(name, listFiles) => void start(name, listFiles)} />
      {!busy && !shown && state.phase !== 'confirm' && beforeImport}
      {state.phase === 'confirm' && kept && keptImport && (
        <ReplaceImportQuestion
          name={state.name}
          kept={keptImport}
          onReplace={kept.replace}
          onKeep={kept.keep}
        />
      )}
      {state.phase === 'reading' && <p>Reading the file list…</p>}
      {state.phase === 'decoding' && (
        <ImportProgress done={state.done} total={state.total} onCancel={cancel} />
      )}
      {state.phase === 'cancelled' && <p data-testid="import-message">Import cancelled.</p>}
      {state.phase === 'failed' && (
        <p role="alert" data-testid="import-message">
          Import failed: {state.message}
        </p>
      )}
      {shown && (
        <ImportOutcome
          result={shown.result}
          filesSeen={shown.filesSeen}
          size={trainingSize}
          afterSummary={afterSummary}
        />
      )}
      {state.phase === 'done' && state.result.set.count === 0 && keptImport && (
        <p className="note" data-testid="kept-import-note">
          “{keptImport.name}” ({keptImport.result.set.count} images) is still kept.
        </p>
      )}
    </div>
  );
}

function ImportOutcome({
  result,
  filesSeen,
  size,
  afterSummary,
}: {
  result: ImportResult;
  filesSeen: number;
  size: number;
  afterSummary: ReactNode;
}) {
  const empty = emptyImportMessage(result, filesSeen);
  return (
    <>
      {empty && <p data-testid="import-message">{empty}</p>}
      <DatasetSummary
        images={result.set.count}
        classNames={result.set.classNames}
        classCounts={classCounts(result.set)}
        skipped={result.skipped.length}
        notes={importNotes(result, size)}
      />
      {result.set.count > 0 && afterSummary}
      <SkippedFiles skipped={result.skipped} />
      {result.set.count > 0 && <ThumbnailGrid set={result.set} />}
    </>
  );
}
