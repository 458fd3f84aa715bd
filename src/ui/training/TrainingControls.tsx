import { configReadiness } from '../store/configLogic';
import { usePlayground } from '../store/usePlayground';

/** Start/Pause, Step and Reset, with the reason when Start is refused. */
export function TrainingControls() {
  const ready = usePlayground((s) => s.run.phase === 'ready');
  const running = usePlayground((s) => s.run.running);
  const blocker = usePlayground(
    (s) => configReadiness(s.appliedConfig, s.draftConfig, s.fieldErrors).blocker,
  );
  const start = usePlayground((s) => s.start);
  const pause = usePlayground((s) => s.pause);
  const step = usePlayground((s) => s.step);
  const reset = usePlayground((s) => s.reset);
  return (
    <>
      <div className="button-row" role="group" aria-label="Training controls">
        <button
          data-testid="start"
          disabled={!ready || running || blocker !== null}
          onClick={start}
          aria-keyshortcuts="Space"
          className="primary"
        >
          Start
        </button>
        <button data-testid="pause" disabled={!ready || !running} onClick={pause} aria-keyshortcuts="Space">
          Pause
        </button>
        <button data-testid="step" disabled={!ready || blocker !== null} onClick={step} aria-keyshortcuts="S">
          Step
        </button>
        <button data-testid="reset" disabled={!ready} onClick={reset} title="New weights from the same seed.">
          Reset
        </button>
      </div>
      {blocker && (
        <p className="note blocker" data-testid="start-blocker">
          {blocker}
        </p>
      )}
      <p className="note">
        Keys: <kbd>Space</kbd> start/pause, <kbd>S</kbd> one step.
      </p>
    </>
  );
}
