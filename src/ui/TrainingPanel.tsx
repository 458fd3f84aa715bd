import type { PageSettings } from './pageSettings';
import type { TrainingView } from './trainingView';
import { useTraining } from './useTraining';

interface Props {
  settings: PageSettings;
  onRestart: () => void;
}

export function TrainingPanel({ settings, onRestart }: Props) {
  const { view, send } = useTraining(settings);
  const ready = view.phase === 'ready';
  return (
    <section>
      <p>
        Backend:{' '}
        <span data-testid="backend">
          {view.backend ? `${view.backend.name}: ${view.backend.reason}` : '…'}
        </span>
      </p>
      <p data-testid="status" data-state={statusKey(view)}>
        {statusText(view)}
      </p>
      <div className="controls">
        <button data-testid="start" disabled={!ready || view.running} onClick={() => send({ type: 'start' })}>
          Start
        </button>
        <button
          data-testid="pause"
          disabled={!ready || !view.running}
          onClick={() => send({ type: 'pause' })}
        >
          Pause
        </button>
        <button data-testid="step" disabled={!ready} onClick={() => send({ type: 'step' })}>
          Step
        </button>
        <button data-testid="reset" disabled={!ready} onClick={() => send({ type: 'reset' })}>
          Reset
        </button>
      </div>
      <dl className="metrics">
        <dt>Step</dt>
        <dd data-testid="step-count">{view.step}</dd>
        <dt>Loss</dt>
        <dd data-testid="loss-value">{view.latest ? view.latest.loss.toFixed(4) : '–'}</dd>
        <dt>CPC accuracy</dt>
        <dd data-testid="cpc-accuracy">
          {view.latest ? `${(100 * view.latest.accuracy).toFixed(1)}%` : '–'}
        </dd>
        <dt>Speed</dt>
        <dd data-testid="speed">
          {view.stepsPerSecond > 0 ? `${view.stepsPerSecond.toFixed(1)} steps/s` : '–'}
        </dd>
      </dl>
      {view.error && (
        <p role="alert" data-testid="error">
          {view.error}
        </p>
      )}
      {view.crash && (
        <p role="alert" data-testid="crash">
          The training worker crashed: {view.crash}{' '}
          <button data-testid="restart" onClick={onRestart}>
            Restart
          </button>
        </p>
      )}
    </section>
  );
}

function statusKey(view: TrainingView): 'loading' | 'running' | 'paused' | 'crashed' {
  if (view.phase !== 'ready') return view.phase;
  return view.running ? 'running' : 'paused';
}

function statusText(view: TrainingView): string {
  switch (statusKey(view)) {
    case 'loading':
      return view.progress;
    case 'running':
      return 'Training…';
    case 'paused':
      return 'Paused.';
    case 'crashed':
      return 'Stopped: the worker crashed.';
  }
}
