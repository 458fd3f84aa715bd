import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { cellAt, cellRoles, moveCursor, type Cell, type CellRole } from './gridGeometry';
import { PixelCanvas } from './PixelCanvas';
import { patchMosaicRgba } from './pixels';
import type { InspectionEvent } from './inspectionTypes';

const GAP = 1;

interface Props {
  inspection: InspectionEvent;
  /** Display size of one patch pixel. */
  scale: number;
  selected: Cell;
  onChoose: (cell: Cell) => void;
}

/**
 * The shown image's augmented patches as the encoder sees them, laid out on the grid. Click a patch, or
 * move with the arrow keys and press Enter, to make it the context position.
 */
export function PatchMosaic({ inspection, scale, selected, onChoose }: Props) {
  const { geometry, patches, image, prediction } = inspection;
  const { grid, patchSize, channels } = geometry;
  const mosaic = useMemo(
    () => patchMosaicRgba(patches, image, grid, patchSize, channels, GAP),
    [patches, image, grid, patchSize, channels],
  );
  const roles = useMemo(() => cellRoles(prediction, grid), [prediction, grid]);
  const [cursor, setCursor] = useState<Cell>(selected);
  // A smaller grid after a rebuild keeps the cursor on the board.
  const row = Math.min(cursor[0], grid - 1);
  const col = Math.min(cursor[1], grid - 1);

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const cell = cellAt(
      (event.clientX - box.left) / scale,
      (event.clientY - box.top) / scale,
      grid,
      patchSize,
      GAP,
    );
    if (!cell) return;
    setCursor(cell);
    onChoose(cell);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onChoose([row, col]);
    } else if (event.key.startsWith('Arrow')) {
      event.preventDefault();
      setCursor(moveCursor([row, col], event.key, grid));
    }
  };

  return (
    <div
      className="patch-mosaic"
      tabIndex={0}
      role="group"
      aria-label={`Augmented patches, ${grid} by ${grid}. Arrow keys move, Enter makes the patch at row ${row + 1}, column ${col + 1} the context position.`}
      onClick={onClick}
      onKeyDown={onKeyDown}
      data-testid="patch-mosaic"
    >
      <PixelCanvas image={mosaic} scale={scale} aria-hidden />
      {roles.map((role, i) => (
        <CellMark
          key={i}
          role={role}
          cell={[Math.floor(i / grid), i % grid]}
          pitch={(patchSize + GAP) * scale}
          side={patchSize * scale}
        />
      ))}
      <span
        className="cell-cursor"
        style={{
          left: col * (patchSize + GAP) * scale,
          top: row * (patchSize + GAP) * scale,
          width: patchSize * scale,
          height: patchSize * scale,
        }}
      />
    </div>
  );
}

function CellMark({ role, cell, pitch, side }: { role: CellRole; cell: Cell; pitch: number; side: number }) {
  if (role.kind === 'other') return null;
  return (
    <span
      className={`cell-mark cell-${role.kind}`}
      style={{ left: cell[1] * pitch, top: cell[0] * pitch, width: side, height: side }}
    >
      {role.kind === 'target' ? `k${role.k}` : ''}
    </span>
  );
}
