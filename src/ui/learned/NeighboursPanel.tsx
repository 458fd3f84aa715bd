import { useEffect, useMemo, useRef, useState } from 'react';
import type { NeighboursResult } from '../../worker/protocol';
import { EXPLAIN } from '../explain/explanations';
import { Explained } from '../explain/Explained';
import { usePlayground } from '../store/usePlayground';
import { EvaluationPicker } from './EvaluationPicker';
import type { EvaluationImages } from './inspectionTypes';
import { PixelCanvas } from './PixelCanvas';
import { thumbnailRgba } from './pixels';
import { percent } from './probeHistory';
import { useRunRefresh } from './useRunRefresh';
import { useWorkerEvent } from './useWorkerEvent';

const THUMB_SCALE = 2;
type Shown = NeighboursResult & { step: number };

/**
 * The eight images whose codes are nearest the query's; snapshots refresh them while training. Keyed by
 * run, so a new run starts from image 0.
 */
export function NeighboursPanel({ evaluation }: { evaluation: EvaluationImages | null }) {
  const send = usePlayground((s) => s.send);
  const feature = usePlayground((s) => s.imageFeature);
  const refresh = useRunRefresh(false);
  const [shown, setShown] = useState<Shown | null>(null);
  // The query of the last answer, so refreshes ask again for the image on screen.
  const query = useRef(0);
  useWorkerEvent('neighbours', (event) => {
    query.current = event.query;
    setShown(event);
  });
  useWorkerEvent('snapshot', (event) => setShown({ step: event.step, ...event.neighbours }));

  // Snapshots refresh the list while training; otherwise ask after each change of weights or feature.
  useEffect(() => {
    if (refresh.step === null) return;
    send({ type: 'request-neighbours', query: query.current });
  }, [refresh.run, refresh.step, feature, send]);
  const ask = (target: number | 'random') => send({ type: 'request-neighbours', query: target });

  const classNames = evaluation?.classNames ?? [];
  const labelOf = (label: number | null) => (label === null ? '' : (classNames[label] ?? `class ${label}`));
  return (
    <div className="nn-panel" data-testid="nn-panel">
      <div className="button-row">
        <button data-testid="nn-random" onClick={() => ask('random')} disabled={refresh.run === null}>
          Random
        </button>
        {shown?.precision != null && (
          <Explained text={EXPLAIN.precisionAt(shown.indices.length)} testId="nn-precision-explained">
            <span data-testid="nn-precision">
              precision@{shown.indices.length}: {percent(shown.precision)}
            </span>
          </Explained>
        )}
      </div>
      {evaluation && <EvaluationPicker evaluation={evaluation} selected={shown?.query ?? 0} onPick={ask} />}
      {shown ? (
        <NeighbourList shown={shown} labelOf={labelOf} />
      ) : (
        <p className="note">Waiting for the model…</p>
      )}
    </div>
  );
}

function NeighbourList({ shown, labelOf }: { shown: Shown; labelOf: (label: number | null) => string }) {
  const thumbs = useMemo(
    () => Array.from({ length: shown.thumbnails.count }, (_, i) => thumbnailRgba(shown.thumbnails, i)),
    [shown.thumbnails],
  );
  return (
    <>
      <div className="nn-results" aria-live="polite" data-step={shown.step}>
        <figure className="nn-query">
          <PixelCanvas image={thumbs[0]} scale={THUMB_SCALE} aria-hidden />
          <figcaption>
            query #{shown.query} {labelOf(shown.queryLabel)}
          </figcaption>
        </figure>
        <ol className="nn-hits" aria-label={`Nearest neighbours at step ${shown.step}, most similar first`}>
          {shown.indices.map((index, i) => {
            const label = shown.labels?.[i] ?? null;
            const same = label !== null && label === shown.queryLabel;
            return (
              <li key={`${i}-${index}`} data-testid="nn-result" className={same ? 'nn-same' : undefined}>
                <PixelCanvas image={thumbs[i + 1]} scale={THUMB_SCALE} aria-hidden />
                <Explained
                  text={same ? `${EXPLAIN.neighbourSame} ${EXPLAIN.neighbourScore}` : EXPLAIN.neighbourScore}
                >
                  <span>{shown.scores[i].toFixed(3)}</span>
                </Explained>
                <span className="nn-label">{labelOf(label)}</span>
              </li>
            );
          })}
        </ol>
      </div>
      {shown.labels && (
        <p className="legend">
          <Explained text={EXPLAIN.neighbourSame} testId="nn-frame-explained">
            <span className="swatch swatch-same-label" /> same label as the query
          </Explained>
        </p>
      )}
    </>
  );
}
