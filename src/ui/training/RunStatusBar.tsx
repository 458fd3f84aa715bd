import { BackendBadge } from '../layout/BackendBadge';
import { usePlayground } from '../store/usePlayground';
import { CrashNotice } from './CrashNotice';
import { runStatusKey, runStatusText } from './runStatus';

/**
 * The header's run line: status and backend badge, always visible whichever panels are hidden.
 * It keeps one line of fixed height; errors go to RunAlerts below the header.
 */
export function RunStatusBar() {
  const statusKey = usePlayground((s) => runStatusKey(s.run));
  const statusText = usePlayground((s) => runStatusText(s.run));
  const progress = usePlayground((s) => s.run.progressFraction);
  return (
    <div className="run-status">
      <span
        data-testid="status"
        data-state={statusKey}
        role="status"
        className="status-text"
        title={statusText}
      >
        {statusText}
      </span>
      {statusKey === 'loading' && <progress value={progress} max={1} aria-label="Preparing the model" />}
      <BackendBadge />
    </div>
  );
}

/** Errors and the crash restart, in a band under the header (they may be long). */
export function RunAlerts({ onRestart }: { onRestart: () => void }) {
  const error = usePlayground((s) => s.run.error);
  const crash = usePlayground((s) => s.run.crash);
  const moved = usePlayground((s) => s.run.moved);
  if (!error && !crash && !moved) return null;
  return (
    <div className="run-alerts">
      {moved && (
        <p role="status" className="note" data-testid="backend-move">
          {moved}
        </p>
      )}
      {error && (
        <p role="alert" className="alert" data-testid="error">
          {error}
        </p>
      )}
      {crash && <CrashNotice crash={crash} onRestart={onRestart} />}
    </div>
  );
}
