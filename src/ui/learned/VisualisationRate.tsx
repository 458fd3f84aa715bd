import { useEffect, useId, useState } from 'react';
import { usePlayground } from '../store/usePlayground';

/** Steps between snapshots until the user picks another rate (0 = off). */
export const DEFAULT_SNAPSHOT_EVERY = 50;
const CHOICES = [0, 10, 25, 50, 100, 250, 500, 1000];

/**
 * How many training steps pass between refreshed neighbours and map. Each snapshot costs an embedding of
 * the evaluation set, so a fast model wants a slower rate. Sent again on each new run and after a worker
 * restart (a new worker starts at its own default).
 */
export function VisualisationRate() {
  const send = usePlayground((s) => s.send);
  const connection = usePlayground((s) => s.connection);
  const [everySteps, setEverySteps] = useState(DEFAULT_SNAPSHOT_EVERY);
  const id = useId();
  useEffect(() => {
    if (connection) send({ type: 'set-visualisation', everySteps });
  }, [connection, everySteps, send]);
  return (
    <div className="visualisation-rate" data-kind="live">
      <label htmlFor={id}>Refresh neighbours and map every</label>{' '}
      <select
        id={id}
        data-testid="visualisation-rate"
        value={everySteps}
        onChange={(e) => setEverySteps(Number(e.target.value))}
        title="Steps between snapshots while training; takes effect at once"
      >
        {CHOICES.map((n) => (
          <option key={n} value={n}>
            {n === 0 ? 'never (off)' : `${n} steps`}
          </option>
        ))}
      </select>{' '}
      <span className="badge badge-live" title="Applies to the running model without restarting">
        live
      </span>
    </div>
  );
}
