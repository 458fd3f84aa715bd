import { useEffect, useState } from 'react';
import type { ImageFeature } from '../../cpc/model/imageFeatureInfo';
import { usePlayground } from '../store/usePlayground';
import { FeatureScores } from './FeatureScores';
import { ImageFeatureSelect } from './ImageFeatureSelect';
import type { EvaluationImages } from './inspectionTypes';
import { ProbeChart } from './ProbeChart';
import { ProbeSchedule } from './ProbeSchedule';
import { ProbeTable } from './ProbeTable';
import { useRunRefresh } from './useRunRefresh';
import { useWorkerEvent } from './useWorkerEvent';

/**
 * Linear probe and kNN on frozen features, for CPC, for the same encoder at random init and for raw
 * pixels. The worker probes by itself (ProbeSchedule); the button probes now. The feature choice also
 * steers neighbours, the map and the embeddings export. Keyed by run, so a new run starts afresh.
 */
export function ProbePanel({ evaluation }: { evaluation: EvaluationImages | null }) {
  const send = usePlayground((s) => s.send);
  const feature = usePlayground((s) => s.imageFeature);
  const setImageFeature = usePlayground((s) => s.setImageFeature);
  const history = usePlayground((s) => s.probeHistory);
  const { run } = useRunRefresh(false);
  const [pending, setPending] = useState(false);
  // From the store, not from this panel's own events: the first automatic probe can arrive before the
  // panel (remounted for the new run) subscribes.
  const result = usePlayground((s) => s.lastProbe);
  const [unavailable, setUnavailable] = useState<string | null>(null);

  useWorkerEvent('probe', (event) => {
    setPending(false);
    if (!event.available) setUnavailable(event.reason);
  });
  // A failed request answers with an error instead; the button must not stay busy.
  useWorkerEvent('error', () => setPending(false));

  // Unlabelled images: ask once so the worker's reason is shown instead of a button that cannot work.
  const unlabelled = evaluation !== null && evaluation.labels === null;
  useEffect(() => {
    if (run && unlabelled) send({ type: 'request-probe' });
  }, [run, unlabelled, send]);

  const probe = (allFeatures: boolean) => {
    setPending(true);
    send({ type: 'request-probe', allFeatures });
  };
  // Once a probe is on screen, a new feature probes again so the table never shows the old one's scores.
  const switchFeature = (next: ImageFeature) => {
    setImageFeature(next);
    if (result && run) probe(false);
  };
  return (
    <div className="probe">
      <ImageFeatureSelect feature={feature} onChange={switchFeature} disabled={pending} />
      {unavailable ? (
        <p className="note" data-testid="probe-unavailable">
          {unavailable}
        </p>
      ) : (
        <>
          <button
            data-testid="probe-run"
            className="primary"
            onClick={() => probe(false)}
            disabled={!run || pending || unlabelled}
          >
            {pending ? 'Probing…' : 'Run probe'}
          </button>
          <ProbeSchedule />
          {result && <ProbeTable result={result} />}
          {result && (
            <FeatureScores
              features={history.find((p) => p.step === result.step)?.features ?? result.features}
              onProbeAll={() => probe(true)}
              disabled={!run || pending}
            />
          )}
          <ProbeChart history={history} feature={feature} />
        </>
      )}
    </div>
  );
}
