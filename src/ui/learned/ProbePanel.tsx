import { useEffect, useState } from 'react';
import type { ProbeOutcome } from '../../worker/protocol';
import { usePlayground } from '../store/usePlayground';
import type { EvaluationImages } from './inspectionTypes';
import { ProbeChart } from './ProbeChart';
import { percent } from './probeHistory';
import { useRunRefresh } from './useRunRefresh';
import { useWorkerEvent } from './useWorkerEvent';

type Available = Extract<ProbeOutcome, { available: true }> & { step: number };

/**
 * Linear probe and kNN on frozen codes, for CPC and for the same encoder at random init. Keyed by run, so
 * a new run starts with an empty history.
 */
export function ProbePanel({ evaluation }: { evaluation: EvaluationImages | null }) {
  const send = usePlayground((s) => s.send);
  const { run } = useRunRefresh(false);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Available | null>(null);
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const history = usePlayground((s) => s.probeHistory);

  useWorkerEvent('probe', (event) => {
    setPending(false);
    if (!event.available) return setUnavailable(event.reason);
    setResult(event);
  });
  // A failed request answers with an error instead; the button must not stay busy.
  useWorkerEvent('error', () => setPending(false));

  // Unlabelled images: ask once so the worker's reason is shown instead of a button that cannot work.
  const unlabelled = evaluation !== null && evaluation.labels === null;
  useEffect(() => {
    if (run && unlabelled) send({ type: 'request-probe' });
  }, [run, unlabelled, send]);

  if (unavailable)
    return (
      <p className="note" data-testid="probe-unavailable">
        {unavailable}
      </p>
    );
  const runProbe = () => {
    setPending(true);
    send({ type: 'request-probe' });
  };
  return (
    <div className="probe">
      <button
        data-testid="probe-run"
        className="primary"
        onClick={runProbe}
        disabled={!run || pending || unlabelled}
      >
        {pending ? 'Probing…' : 'Run probe'}
      </button>
      {result && <ProbeResult result={result} />}
      <ProbeChart history={history} />
    </div>
  );
}

function ProbeResult({ result }: { result: Available }) {
  const source = result.testSource === 'held-out' ? 'held-out test images' : 'training images held back';
  return (
    <div data-testid="probe-result" aria-live="polite">
      <table className="probe-table">
        <caption>
          Step {result.step}: trained on {result.trainImages} images, scored on {result.testImages} {source} (
          {(result.durationMs / 1000).toFixed(1)} s)
        </caption>
        <thead>
          <tr>
            <th scope="col">probe</th>
            <th scope="col">CPC</th>
            <th scope="col">random init</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">linear</th>
            <td data-testid="probe-cpc-linear">{percent(result.cpc.linear)}</td>
            <td data-testid="probe-random-linear">{percent(result.randomInit.linear)}</td>
          </tr>
          <tr>
            <th scope="row">kNN</th>
            <td data-testid="probe-cpc-knn">{percent(result.cpc.knn)}</td>
            <td data-testid="probe-random-knn">{percent(result.randomInit.knn)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
