import { usePlayground } from '../store/usePlayground';
import { formatBytes } from './savedRunSummary';

/** How often the run is saved, whether an import is kept with it, and how the last save went. */
export function AutosaveSettings() {
  const autosaveEvery = usePlayground((s) => s.autosaveEvery);
  const setAutosaveEvery = usePlayground((s) => s.setAutosaveEvery);
  const saveNow = usePlayground((s) => s.saveNow);
  const canSave = usePlayground((s) => s.runStore !== null && s.run.phase === 'ready' && s.run.step > 0);
  return (
    <div className="autosave-settings">
      <label>
        Save every{' '}
        <input
          type="number"
          min={0}
          step={50}
          data-testid="autosave-every"
          value={autosaveEvery}
          onChange={(event) => setAutosaveEvery(Number(event.target.value))}
        />{' '}
        steps (0: only when paused)
      </label>{' '}
      <button data-testid="save-now" disabled={!canSave} onClick={saveNow}>
        Save now
      </button>
      <KeepImagesOption />
      <SaveStatus />
    </div>
  );
}

function KeepImagesOption() {
  const importBytes = usePlayground((s) =>
    s.dataset.kind === 'images' ? s.dataset.set.pixels.length : null,
  );
  const keepImages = usePlayground((s) => s.keepImages);
  const setKeepImages = usePlayground((s) => s.setKeepImages);
  if (importBytes === null) return null;
  return (
    <label className="keep-images">
      <input
        type="checkbox"
        data-testid="keep-images"
        checked={keepImages}
        onChange={(event) => setKeepImages(event.target.checked)}
      />{' '}
      Keep the imported images with the run ({formatBytes(importBytes)}), so resuming needs no re-import
    </label>
  );
}

function SaveStatus() {
  const saving = usePlayground((s) => s.saving !== null);
  const lastSave = usePlayground((s) => s.lastSave);
  const resumeMs = usePlayground((s) => s.resumeMs);
  return (
    <p className="note" data-testid="keep-status">
      {saving && 'Saving… '}
      {lastSave && (
        <span data-testid="last-save" data-bytes={lastSave.bytes} data-save-ms={Math.round(lastSave.saveMs)}>
          Saved step {lastSave.step}: {formatBytes(lastSave.bytes)} in {Math.round(lastSave.saveMs)} ms.{' '}
        </span>
      )}
      {resumeMs !== null && (
        <span data-testid="resume-time" data-ms={Math.round(resumeMs)}>
          Last resume took {Math.round(resumeMs)} ms.
        </span>
      )}
    </p>
  );
}
