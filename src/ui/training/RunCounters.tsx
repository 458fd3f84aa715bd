import { usePlayground } from '../store/usePlayground';

/** The two numbers a class watches: how far training is, and the loss it has reached. */
export function RunCounters() {
  const step = usePlayground((s) => s.run.step);
  const loss = usePlayground((s) => s.run.latest?.loss ?? null);
  return (
    <dl className="run-counters">
      <div>
        <dt>Step</dt>
        <dd data-testid="step-count">{step}</dd>
      </div>
      <div>
        <dt>Loss</dt>
        <dd data-testid="loss-value">{loss !== null ? loss.toFixed(4) : '–'}</dd>
      </div>
    </dl>
  );
}
