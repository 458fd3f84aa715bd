import { usePlayground } from '../store/usePlayground';
import { runStatusKey, runStatusText } from './runStatus';

/** Backend, status, errors and the crash restart: always visible, whichever panels are hidden. */
export function RunStatusBar({ onRestart }: { onRestart: () => void }) {
  const backend = usePlayground((s) => s.run.backend);
  const statusKey = usePlayground((s) => runStatusKey(s.run));
  const statusText = usePlayground((s) => runStatusText(s.run));
  const progress = usePlayground((s) => s.run.progressFraction);
  const error = usePlayground((s) => s.run.error);
  const crash = usePlayground((s) => s.run.crash);
  // The presenter view names the backend without its timings.
  const presenter = usePlayground((s) => s.presenter);
  return (
    <div className="run-status" aria-label="Run status">
      <span>
        Backend:{' '}
        <span data-testid="backend" title="Override with ?backend=webgpu|webgl|wasm|cpu|auto in the URL.">
          {backend ? (presenter ? backend.name : `${backend.name}: ${backend.reason}`) : '…'}
        </span>
      </span>
      <span data-testid="status" data-state={statusKey} role="status">
        {statusText}
      </span>
      {statusKey === 'loading' && <progress value={progress} max={1} aria-label="Preparing the model" />}
      {error && (
        <p role="alert" className="alert" data-testid="error">
          {error}
        </p>
      )}
      {crash && (
        <p role="alert" className="alert" data-testid="crash">
          The training worker crashed: {crash}{' '}
          <button data-testid="restart" onClick={onRestart}>
            Restart
          </button>
        </p>
      )}
    </div>
  );
}
