import { useEffect, useId } from 'react';
import { usePlayground } from '../store/usePlayground';

const CHOICES = [0, 5, 10, 25, 50, 100, 250, 500, 1000, 2500];

/**
 * How often the worker probes while training. While this control is on the page the worker also probes
 * by itself when a run is ready (the random-init and raw-pixel baselines) and on each pause, so "did it
 * learn?" never waits for the button.
 */
export function ProbeSchedule() {
  const send = usePlayground((s) => s.send);
  const connection = usePlayground((s) => s.connection);
  const everySteps = usePlayground((s) => s.probeEvery);
  const setEverySteps = usePlayground((s) => s.setProbeEvery);
  const id = useId();
  // Sent on mount, on a change and to a restarted worker (a new one probes on request only until told).
  useEffect(() => {
    if (connection) send({ type: 'set-probe-schedule', everySteps });
  }, [connection, everySteps, send]);
  return (
    <div className="probe-schedule" data-kind="live">
      <label htmlFor={id}>Probe while training every</label>{' '}
      <select
        id={id}
        data-testid="probe-every"
        value={everySteps}
        onChange={(e) => setEverySteps(Number(e.target.value))}
        aria-describedby={`${id}-note`}
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
      <p id={`${id}-note`} className="note">
        It also probes when the model is ready and whenever training pauses.
      </p>
    </div>
  );
}
