import { useEffect, useMemo, useState } from 'react';
import type { ImageSet } from '../../cpc/data/imageSet';
import type { DatasetInfo, WorkerEvent } from '../../worker/protocol';
import { useWorkerEvent } from '../learned/useWorkerEvent';
import { usePlayground } from '../store/usePlayground';
import { classSamples } from './classSamples';
import { ThumbnailStrip } from './ThumbnailGrid';

const PER_CLASS = 6;
const THUMB_PX = 28;

type EvaluationImages = Extract<WorkerEvent, { type: 'evaluation-images' }>;

/**
 * A few images of each class of the set the worker loaded (built-in and synthetic sets live only in the
 * worker, so it sends them). Mounted once the set has loaded; `info` changes with every load, which asks
 * again.
 */
export function DatasetSamples({ info }: { info: DatasetInfo }) {
  const send = usePlayground((s) => s.send);
  const [evaluation, setEvaluation] = useState<EvaluationImages | null>(null);
  useWorkerEvent('evaluation-images', setEvaluation);
  useEffect(() => send({ type: 'request-evaluation-images' }), [info, send]);
  const set = useMemo<ImageSet | null>(
    () =>
      evaluation && {
        ...evaluation.images,
        labels: evaluation.labels,
        classNames: evaluation.classNames,
      },
    [evaluation],
  );
  if (!set) return null;
  return (
    <figure className="class-samples" data-testid="class-samples">
      <figcaption>Samples{evaluation?.source === 'held-out' ? ' from the held-out images' : ''}</figcaption>
      {classSamples(set, PER_CLASS).map(({ title, indices }) => (
        <div key={title} className="class-sample-row">
          <span className="class-sample-title" title={title}>
            {title}
          </span>
          <ThumbnailStrip set={set} indices={indices} thumbPx={THUMB_PX} />
        </div>
      ))}
    </figure>
  );
}
