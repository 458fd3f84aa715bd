import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { RunStore } from '../keep/savedRun';
import { formatBytes } from '../keep/savedRunSummary';
import { CompareCharts } from './CompareCharts';
import './compare.css';
import { DiffTable } from './DiffTable';
import { withDistinctNames } from './distinctNames';
import { runColour } from '../charts/chartStyle';
import { useLoadedRuns, useSavedRunList } from './useCompareData';

interface Props {
  /** null while the page opens it, or for good when the browser refused storage (`refusal` says why). */
  store: RunStore | null;
  refusal: string | null;
  /** Changes whenever the saved runs change, so the list is read again. */
  listVersion: unknown;
  onClose: () => void;
}

/** A full-width view over the page: pick saved runs, see their curves overlaid and how they differ. */
export function CompareDialog({ store, refusal, listVersion, onClose }: Props) {
  const titleId = useId();
  const closeButton = useRef<HTMLButtonElement>(null);
  const list = useSavedRunList(store, listVersion);
  const summaries = store ? list.summaries : refusal ? [] : null;
  const error = store ? list.error : refusal;
  const [selected, setSelected] = useState<string[]>([]);
  const loaded = useLoadedRuns(store, selected);
  const shown = useMemo(() => withDistinctNames(loaded.runs), [loaded.runs]);
  useEffect(() => closeButton.current?.focus(), []);

  const toggle = (id: string) =>
    setSelected((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  // Colours follow the order of choice, the same in the picker, the charts and the table.
  const colourOf = (id: string) => {
    const index = loaded.runs.findIndex((run) => run.id === id);
    return index < 0 ? undefined : runColour(index);
  };

  return (
    <div className="compare-overlay" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <div
        className="compare-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="compare-dialog"
      >
        <header className="compare-header">
          <h2 id={titleId}>Compare runs</h2>
          <button type="button" ref={closeButton} onClick={onClose} data-testid="compare-close">
            Close
          </button>
        </header>
        {error && (
          <p role="alert" className="compare-error" data-testid="compare-error">
            {error}
          </p>
        )}
        {summaries === null && <p className="note">Reading saved runs…</p>}
        {summaries?.length === 0 && !error && (
          <p className="note" data-testid="compare-empty">
            No saved runs yet. Runs are saved as they train; come back when there are two.
          </p>
        )}
        {summaries && summaries.length > 0 && (
          <fieldset className="compare-picker">
            <legend>Pick two or more runs</legend>
            {summaries.map((run) => (
              <label key={run.id} data-testid="compare-run-option" data-run-id={run.id}>
                <input type="checkbox" checked={selected.includes(run.id)} onChange={() => toggle(run.id)} />
                <span
                  className="compare-swatch"
                  style={{ background: colourOf(run.id) }}
                  aria-hidden="true"
                />
                {run.name}
                <small>
                  {run.datasetTitle} · {run.step} steps · {formatBytes(run.checkpointBytes)}
                </small>
              </label>
            ))}
          </fieldset>
        )}
        {loaded.missing.length > 0 && (
          <p className="note">{loaded.missing.length} chosen run(s) are no longer saved and are left out.</p>
        )}
        {loaded.error && (
          <p role="alert" className="compare-error">
            {loaded.error}
          </p>
        )}
        {shown.length >= 2 ? (
          <>
            <CompareCharts runs={shown} />
            <DiffTable runs={shown} />
          </>
        ) : (
          summaries &&
          summaries.length > 0 && <p className="note">Pick at least two runs to overlay their curves.</p>
        )}
      </div>
    </div>
  );
}
