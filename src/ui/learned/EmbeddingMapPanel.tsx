import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { EmbeddingMapResult } from '../../worker/protocol';
import { usePlayground } from '../store/usePlayground';
import type { EvaluationImages } from './inspectionTypes';
import { classColour, fitPoints, nearestPoint } from './mapGeometry';
import { PixelCanvas } from './PixelCanvas';
import { thumbnailRgba } from './pixels';
import { percent } from './probeHistory';
import { useRunRefresh } from './useRunRefresh';
import { useWorkerEvent } from './useWorkerEvent';

const WIDTH = 260;
const HEIGHT = 200;
const PAD = 6;
const HOVER_RADIUS = 8;

type ShownMap = EmbeddingMapResult & { step: number };

/** The evaluation images on the first two principal components of their codes, coloured by class. */
export function EmbeddingMapPanel({ evaluation }: { evaluation: EvaluationImages | null }) {
  const send = usePlayground((s) => s.send);
  const feature = usePlayground((s) => s.imageFeature);
  const refresh = useRunRefresh(false);
  const [map, setMap] = useState<ShownMap | null>(null);
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  useWorkerEvent('embedding-map', setMap);
  useWorkerEvent('snapshot', (event) => setMap({ step: event.step, ...event.map }));
  // Asked again after each change of weights or feature (snapshots refresh it while training).
  useEffect(() => {
    if (refresh.step !== null) send({ type: 'request-embedding-map' });
  }, [refresh.run, refresh.step, feature, send]);

  const screen = useMemo(() => (map ? fitPoints(map.points, WIDTH, HEIGHT, PAD) : null), [map]);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context || !screen || !map) return;
    context.clearRect(0, 0, WIDTH, HEIGHT);
    for (let i = 0; i < screen.length / 2; i++) {
      context.fillStyle = classColour(map.labels?.[i] ?? null);
      context.fillRect(screen[2 * i] - 1.5, screen[2 * i + 1] - 1.5, 3, 3);
    }
  }, [screen, map]);

  if (!map || !screen) return <p className="note">Waiting for the model…</p>;
  const onMove = (event: MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const index = nearestPoint(screen, x, y, HOVER_RADIUS);
    setHover(index === null ? null : { index, x, y });
  };
  const [pc1, pc2] = map.explainedVariance;
  const summary = `${screen.length / 2} images at step ${map.step}; the axes explain ${percent(pc1)} and ${percent(pc2)} of the variance.`;
  return (
    <figure
      className="embedding-map"
      data-testid="embedding-map"
      data-step={map.step}
      data-points={screen.length / 2}
    >
      <div className="map-plot">
        <canvas
          ref={canvas}
          width={WIDTH}
          height={HEIGHT}
          role="img"
          aria-label={`Embedding map: ${summary}`}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        />
        {hover && evaluation && hover.index < evaluation.images.count && (
          <MapTooltip evaluation={evaluation} index={hover.index} x={hover.x} y={hover.y} />
        )}
      </div>
      <figcaption className="chart-summary">{summary}</figcaption>
      {evaluation && evaluation.classNames.length > 0 && <Legend names={evaluation.classNames} />}
    </figure>
  );
}

function MapTooltip({
  evaluation,
  index,
  x,
  y,
}: {
  evaluation: EvaluationImages;
  index: number;
  x: number;
  y: number;
}) {
  const image = useMemo(() => thumbnailRgba(evaluation.images, index), [evaluation, index]);
  const label = evaluation.labels?.[index];
  return (
    <div
      className="map-tooltip"
      style={{ left: Math.min(x + 8, WIDTH - 70), top: Math.max(0, y - 70) }}
      data-testid="map-tooltip"
    >
      <PixelCanvas image={image} scale={48 / evaluation.images.size} />
      <span>
        #{index} {label === undefined ? '' : (evaluation.classNames[label] ?? `class ${label}`)}
      </span>
    </div>
  );
}

function Legend({ names }: { names: string[] }) {
  return (
    <ul className="map-legend" aria-label="Class colours">
      {names.map((name, label) => (
        <li key={name}>
          <span className="swatch" style={{ background: classColour(label) }} /> {name}
        </li>
      ))}
    </ul>
  );
}
