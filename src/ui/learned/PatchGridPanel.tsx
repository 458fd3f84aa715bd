import { useEffect, useMemo, useState } from 'react';
import { ALL_DIRECTIONS, resolveGeometry, type Direction } from '../../cpc/geometry';
import { usePlayground } from '../store/usePlayground';
import { CandidateList } from './CandidateList';
import type { Cell } from './gridGeometry';
import { ImageOverlay } from './ImageOverlay';
import type { InspectionEvent } from './inspectionTypes';
import { PatchMosaic } from './PatchMosaic';
import { canSelect, defaultSelection, inspectionRequest, type PatchSelection } from './patchSelection';
import { useRunRefresh } from './useRunRefresh';
import { useWorkerEvent } from './useWorkerEvent';

/** Display width the image and the mosaic aim for, in CSS pixels. */
const PICTURE_PX = 120;

const DIRECTION_WORDS: Record<Direction, string> = {
  down: 'downwards (context above)',
  up: 'upwards (context below)',
  right: 'rightwards (context on the left)',
  left: 'leftwards (context on the right)',
};

/** What the model predicts from one context position, with the candidates it ranks highest. */
export function PatchGridPanel() {
  const config = usePlayground((s) => s.appliedConfig);
  const send = usePlayground((s) => s.send);
  const geometry = useMemo(() => resolveGeometry(config).geometry, [config]);
  const refresh = useRunRefresh(true);
  const [inspection, setInspection] = useState<InspectionEvent | null>(null);
  const [selection, setSelection] = useState<PatchSelection | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  useWorkerEvent('inspection', setInspection);

  const batch = inspection?.images.count ?? 1;
  const request = geometry
    ? inspectionRequest(selection ?? defaultSelection(geometry), geometry, batch)
    : null;
  // Primitive dependencies: a re-render with the same request asks nothing new.
  const { image, direction, t, lane } = request ?? {};
  useEffect(() => {
    if (refresh.step === null || image === undefined || direction === undefined) return;
    if (t === undefined || lane === undefined) return;
    send({ type: 'request-inspection', image, direction, t, lane });
  }, [refresh.run, refresh.step, image, direction, t, lane, send]);

  if (!geometry) return <p className="note">The model's grid is invalid; fix it in the Model panel.</p>;
  if (!inspection) return <p className="note">Waiting for the model…</p>;

  const current = {
    image: inspection.image,
    direction: inspection.prediction.direction,
    cell: inspection.prediction.context.at(-1) as Cell,
  };
  const choose = (next: PatchSelection) => {
    const fits = canSelect(next.direction, next.cell, inspection.geometry);
    setHint(
      fits ? null : 'That patch has nothing left to predict in this direction; pick one nearer the start.',
    );
    if (fits) setSelection(next);
  };
  const scale = Math.max(1, Math.floor(PICTURE_PX / inspection.geometry.imageSize));
  const mosaicScale = Math.max(
    1,
    Math.floor(PICTURE_PX / (inspection.geometry.grid * (inspection.geometry.patchSize + 1))),
  );
  return (
    <div className="patch-grid" data-testid="patch-grid" data-step={inspection.step}>
      <div className="patch-grid-controls">
        <ImagePicker
          image={inspection.image}
          count={inspection.images.count}
          onPick={(image) => choose({ ...current, image })}
        />
        {inspection.geometry.directions.length > 1 && (
          <label>
            Predict{' '}
            <select
              value={current.direction}
              aria-label="Prediction direction"
              onChange={(e) => setSelection({ ...current, direction: e.target.value as Direction })}
            >
              {ALL_DIRECTIONS.filter((d) => inspection.geometry.directions.includes(d)).map((d) => (
                <option key={d} value={d}>
                  {DIRECTION_WORDS[d]}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="patch-grid-pictures">
        <ImageOverlay inspection={inspection} scale={scale} />
        <PatchMosaic
          inspection={inspection}
          scale={mosaicScale}
          selected={current.cell}
          onChoose={(cell) => choose({ ...current, cell })}
        />
      </div>
      <p className="legend" aria-live="polite">
        <span className="swatch cell-context" /> context ({inspection.prediction.context.length} patches){' '}
        <span className="swatch cell-target" /> targets · step {inspection.step}
      </p>
      {hint && <p className="alert">{hint}</p>}
      <CandidateList inspection={inspection} />
    </div>
  );
}

function ImagePicker({
  image,
  count,
  onPick,
}: {
  image: number;
  count: number;
  onPick: (image: number) => void;
}) {
  return (
    <span className="image-picker" role="group" aria-label="Image of the inspection batch">
      <button aria-label="Previous image" disabled={image === 0} onClick={() => onPick(image - 1)}>
        ◀
      </button>
      <span>
        image {image + 1} / {count}
      </span>
      <button aria-label="Next image" disabled={image >= count - 1} onClick={() => onPick(image + 1)}>
        ▶
      </button>
    </span>
  );
}
