import { useState } from 'react';
import { usePlayground } from '../store/usePlayground';
import { AutosaveSettings } from './AutosaveSettings';
import { RunRow } from './RunRow';
import { loadCheckpointFile } from './useKeep';

/** The saved runs with rename, delete and resume; autosave settings; loading a checkpoint file. */
export function RunsDialog({ onClose }: { onClose: () => void }) {
  const runs = usePlayground((s) => s.savedRuns);
  const currentRunId = usePlayground((s) => s.runId);
  const resumeFile = usePlayground((s) => s.resumeFile);
  const canResume = usePlayground((s) => s.run.phase === 'ready' && s.resuming === null);
  const [renaming, setRenaming] = useState<string | null>(null);
  return (
    <div className="keep-dialog" role="dialog" aria-label="Saved runs" data-testid="runs-dialog">
      <div className="keep-dialog-header">
        <h2>Saved runs</h2>
        <button onClick={onClose} aria-label="Close saved runs">
          ×
        </button>
      </div>
      <AutosaveSettings />
      <label className="checkpoint-file">
        Continue from a checkpoint file: the playground&apos;s, <code>npm run train</code>&apos;s or a PyTorch
        checkpoint from the exported <code>train.py</code> (.zip; or drop it on the page){' '}
        <input
          type="file"
          accept=".zip,application/zip"
          data-testid="checkpoint-input"
          disabled={!canResume}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void loadCheckpointFile(file, resumeFile);
          }}
        />
      </label>
      {runs.length === 0 ? (
        <p className="note">No saved runs yet: train a little and pause, and the run is kept here.</p>
      ) : (
        <table className="run-list" data-testid="run-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Dataset</th>
              <th>Preset</th>
              <th>Steps</th>
              <th>Last probe</th>
              <th>Size</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <RunRow
                key={run.id}
                run={run}
                current={run.id === currentRunId}
                canResume={canResume}
                renaming={renaming === run.id}
                onRenaming={(on) => setRenaming(on ? run.id : null)}
              />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
