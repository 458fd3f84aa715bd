import { useState } from 'react';
import { presetById } from '../../cpc/presets';
import { IMAGE_FEATURE_INFO } from '../../cpc/model/imageFeatureInfo';
import { percent, type ProbePoint } from '../learned/probeHistory';
import { usePlayground } from '../store/usePlayground';
import type { SavedRunSummary } from './savedRun';
import { formatBytes } from './savedRunSummary';

interface Props {
  run: SavedRunSummary;
  /** The run training on the page now (resuming it would only rewind to its last save). */
  current: boolean;
  canResume: boolean;
  renaming: boolean;
  onRenaming: (on: boolean) => void;
}

export function RunRow({ run, current, canResume, renaming, onRenaming }: Props) {
  const resumeSaved = usePlayground((s) => s.resumeSaved);
  const deleteRun = usePlayground((s) => s.deleteRun);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const probe = run.lastProbe;
  return (
    <tr data-testid="run-row" data-run-id={run.id} aria-current={current || undefined}>
      <td data-testid="run-name">
        {renaming ? <RenameForm run={run} onDone={() => onRenaming(false)} /> : run.name}
        {current && <span className="note"> (this run)</span>}
      </td>
      <td>{run.datasetTitle}</td>
      <td>{run.presetId ? presetById(run.presetId).title : 'Custom'}</td>
      <td data-testid="run-steps">{run.step}</td>
      <td title={probe ? probeDetails(probe) : ''}>
        {probe ? `${percent(probe.cpc.linear)} @ ${probe.step}` : '—'}
      </td>
      <td data-testid="run-size">{formatBytes(run.checkpointBytes + run.storedImagesBytes)}</td>
      <td className="run-actions">
        <button data-testid="run-resume" disabled={!canResume} onClick={() => void resumeSaved(run.id)}>
          Resume
        </button>
        <button data-testid="run-rename" onClick={() => onRenaming(!renaming)}>
          Rename
        </button>
        {confirmingDelete ? (
          <button data-testid="run-delete-confirm" onClick={() => void deleteRun(run.id)}>
            Delete for good
          </button>
        ) : (
          <button data-testid="run-delete" onClick={() => setConfirmingDelete(true)}>
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}

function RenameForm({ run, onDone }: { run: SavedRunSummary; onDone: () => void }) {
  const renameRun = usePlayground((s) => s.renameRun);
  const [name, setName] = useState(run.name);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void renameRun(run.id, name).then(onDone);
      }}
    >
      <input
        aria-label="Run name"
        data-testid="run-name-input"
        value={name}
        autoFocus
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit" data-testid="run-name-save">
        Save
      </button>
    </form>
  );
}

/** The last probe's other numbers, for the linear score's tooltip. */
function probeDetails(probe: ProbePoint): string {
  const feature = probe.feature ? `${IMAGE_FEATURE_INFO[probe.feature].title}: ` : '';
  const pixels = probe.pixels ? `, raw pixels ${percent(probe.pixels.linear)}` : '';
  return `${feature}kNN ${percent(probe.cpc.knn)}; linear on a random-init encoder ${percent(probe.randomInit.linear)}${pixels}`;
}
