import { useEffect, useMemo, useState } from 'react';
import { resolveGeometry } from '../../cpc/geometry';
import type { TargetInspection } from '../../cpc/model/inspect';
import type { InspectionEvent } from '../learned/inspectionTypes';
import { PixelCanvas } from '../learned/PixelCanvas';
import { patchMosaicRgba, patchRgba } from '../learned/pixels';
import { defaultSelection, inspectionRequest } from '../learned/patchSelection';
import { useRunRefresh } from '../learned/useRunRefresh';
import { useWorkerEvent } from '../learned/useWorkerEvent';
import { isPanelHidden } from '../store/lessonSlice';
import { usePlayground } from '../store/usePlayground';
import './howCpc.css';
import { gridMarks, type GridMarks } from './illustrationMarks';

/** Display size the grid aims for, in CSS pixels. */
const GRID_PX = 150;
const GAP = 1;
const THUMB_SCALE = 4;

/**
 * CPC drawn from the live model: one image's patch grid with the context column and the targets k steps
 * ahead, then the model's best-scoring candidates for the nearest target with the true patch marked. It
 * reads the inspections the patch-grid panel asks for; with that panel hidden it asks for the default one.
 */
export function CpcIllustration({ open }: { open: boolean }) {
  // Always listening, so the box shows the latest inspection the moment it opens; drawn only while open.
  const [inspection, setInspection] = useState<InspectionEvent | null>(null);
  useWorkerEvent('inspection', setInspection);
  useOwnInspection(open);
  if (!open) return null;
  if (!inspection) return <p className="note">Waiting for the model to draw its patch grid…</p>;
  const nearest = inspection.prediction.targets[0];
  return (
    <div className="cpc-illustration" data-testid="how-cpc-illustration" data-step={inspection.step}>
      <GridPicture inspection={inspection} />
      {nearest && <RankedCandidates inspection={inspection} target={nearest} />}
    </div>
  );
}

/** While open, asks for the default inspection after each step if the learned panel (which would ask) is hidden. */
function useOwnInspection(open: boolean) {
  const hidden = usePlayground((s) => open && isPanelHidden(s, 'learned'));
  const config = usePlayground((s) => s.appliedConfig);
  const send = usePlayground((s) => s.send);
  const refresh = useRunRefresh(true);
  const geometry = useMemo(() => resolveGeometry(config).geometry, [config]);
  useEffect(() => {
    if (!hidden || !geometry || refresh.step === null) return;
    send(inspectionRequest(defaultSelection(geometry), geometry, 1));
  }, [hidden, geometry, refresh.run, refresh.step, send]);
}

function GridPicture({ inspection }: { inspection: InspectionEvent }) {
  const { geometry, patches, image, prediction } = inspection;
  const { grid, patchSize, channels } = geometry;
  const mosaic = useMemo(
    () => patchMosaicRgba(patches, image, grid, patchSize, channels, GAP),
    [patches, image, grid, patchSize, channels],
  );
  const scale = Math.max(1, Math.floor(GRID_PX / mosaic.width));
  const marks = gridMarks(prediction, patchSize, GAP);
  return (
    <figure className="cpc-step">
      <div className="cpc-grid">
        <PixelCanvas image={mosaic} scale={scale} aria-hidden />
        <MarksSvg marks={marks} size={mosaic.width} scale={scale} />
      </div>
      <figcaption>
        <span className="cpc-swatch cpc-swatch-context" /> context c_t reads {prediction.context.length}{' '}
        {prediction.context.length === 1 ? 'patch' : 'patches'};{' '}
        <span className="cpc-swatch cpc-swatch-target" /> targets k ={' '}
        {prediction.targets.map((t) => t.k).join(', ')} steps ahead
      </figcaption>
    </figure>
  );
}

function MarksSvg({ marks, size, scale }: { marks: GridMarks; size: number; scale: number }) {
  const { context, targets, arrow } = marks;
  return (
    <svg
      className="cpc-marks"
      data-testid="how-cpc-grid"
      data-context={context.length}
      data-targets={targets.length}
      width={size * scale}
      height={size * scale}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={`Patch grid: ${context.length} context patches, targets at k = ${targets.map((t) => t.k).join(', ')}`}
    >
      <defs>
        <marker
          id="cpc-arrow"
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth="5"
          markerHeight="5"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" className="cpc-arrow-head" />
        </marker>
      </defs>
      {context.map((cell) => (
        <rect key={`c${cell.x},${cell.y}`} className="cpc-mark-context" {...cell} />
      ))}
      {targets.map((cell) => (
        <g key={`t${cell.k}`}>
          <rect className="cpc-mark-target" x={cell.x} y={cell.y} width={cell.width} height={cell.height} />
          <text className="cpc-mark-label" x={cell.x + cell.width / 2} y={cell.y + cell.height / 2}>
            {cell.k}
          </text>
        </g>
      ))}
      {arrow && <line className="cpc-arrow" {...arrow} markerEnd="url(#cpc-arrow)" />}
    </svg>
  );
}

function RankedCandidates({ inspection, target }: { inspection: InspectionEvent; target: TargetInspection }) {
  const { patches, geometry } = inspection;
  const pool = inspection.images.count * geometry.grid ** 2;
  const thumbs = useMemo(
    () => target.top.map((c) => patchRgba(patches, c.pool, geometry.patchSize, geometry.channels)),
    [patches, target, geometry],
  );
  const truePatch = useMemo(
    () => patchRgba(patches, target.truePool, geometry.patchSize, geometry.channels),
    [patches, target, geometry],
  );
  return (
    <figure className="cpc-step cpc-ranking">
      <div className="cpc-candidate cpc-candidate-true cpc-candidate-target">
        <PixelCanvas image={truePatch} scale={THUMB_SCALE} aria-hidden />
        <span>true (k = {target.k})</span>
      </div>
      <ol
        className="cpc-candidates"
        aria-label={`The model's best candidates for k = ${target.k}, best first`}
      >
        {target.top.map((candidate, i) => {
          const isTrue = candidate.pool === target.truePool;
          return (
            <li
              key={candidate.pool}
              className={isTrue ? 'cpc-candidate cpc-candidate-true' : 'cpc-candidate'}
            >
              <PixelCanvas image={thumbs[i]} scale={THUMB_SCALE} aria-hidden />
              <span>
                {i + 1}. {isTrue ? 'true' : ''}
              </span>
            </li>
          );
        })}
      </ol>
      <figcaption>
        W_k c_t scored against every patch for k = {target.k}: the{' '}
        <span className="cpc-swatch cpc-swatch-positive" /> true patch ranks {target.trueRank} of {pool}.
      </figcaption>
    </figure>
  );
}
