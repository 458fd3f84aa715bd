import type { ReactNode } from 'react';
import {
  classCounts,
  emptyImportMessage,
  enlargedCount,
  type ImportResult,
} from '../../datasets/assembleImport';
import type { DropTarget } from '../drop/dropSlice';
import { useDroppedImport } from '../drop/useDroppedImport';
import { DatasetSummary } from './DatasetSummary';
import { DropZone } from './DropZone';
import { ImportProgress } from './ImportProgress';
import { SkippedFiles } from './SkippedFiles';
import { ThumbnailGrid } from './ThumbnailGrid';
import { useImageImport } from './useImageImport';

interface Props {
  /** What the images are decoded to. */
  size: number;
  channels: 1 | 3;
  /** The side they train at, for the note on enlarged images; `size` unless the set is adapted after. */
  trainingSize?: number;
  onImported: (result: ImportResult, name: string) => void;
  /** Shown until a folder is picked here (e.g. the summary of an imported set a resumed run brought back). */
  beforeImport?: ReactNode;
  /** Shown under the summary of an import that brought images (e.g. the config fitted to them). */
  afterSummary?: ReactNode;
  /** Which drops on the page this section imports. */
  dropTarget: DropTarget;
}

/** "Your images": drop or pick, watch it decode (or cancel), then see what came in and what did not. */
export function ImportSection({
  size,
  channels,
  trainingSize = size,
  onImported,
  beforeImport,
  afterSummary,
  dropTarget,
}: Props) {
  const { state, start, cancel } = useImageImport(size, channels, onImported);
  useDroppedImport(dropTarget, start);
  const busy = state.phase === 'reading' || state.phase === 'decoding';
  return (
    <div className="import-section">
      <DropZone disabled={busy} onFiles={(name, listFiles) => void start(name, listFiles)} />
      {state.phase === 'idle' && beforeImport}
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
      {state.phase === 'done' && (
        <ImportOutcome
          result={state.result}
          filesSeen={state.filesSeen}
          size={trainingSize}
          afterSummary={afterSummary}
        />
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
  const enlarged = enlargedCount(result, size);
  const notes =
    enlarged > 0
      ? [`${enlarged} image${enlarged === 1 ? ' was' : 's were'} smaller than ${size} px and enlarged.`]
      : [];
  return (
    <>
      {empty && <p data-testid="import-message">{empty}</p>}
      <DatasetSummary
        images={result.set.count}
        classNames={result.set.classNames}
        classCounts={classCounts(result.set)}
        skipped={result.skipped.length}
        notes={notes}
      />
      {result.set.count > 0 && afterSummary}
      <SkippedFiles skipped={result.skipped} />
      {result.set.count > 0 && <ThumbnailGrid set={result.set} />}
    </>
  );
}
