import { viewToGrid, type Direction, type GridGeometry } from '../../cpc/geometry';
import type { AnalysisCommand } from '../../worker/protocol';
import { gridToView, hasTarget, type Cell } from './gridGeometry';

/** What the user picked in the patch grid: an image of the inspection batch, a direction and a context cell. */
export interface PatchSelection {
  image: number;
  direction: Direction;
  cell: Cell;
}

type Geometry = Pick<GridGeometry, 'grid' | 'ks' | 'directions'>;

/** The first image and the middle lane's first context position, in the given or the model's first direction. */
export function defaultSelection(geometry: Geometry, direction = geometry.directions[0]): PatchSelection {
  const middle = Math.floor(geometry.grid / 2);
  // t = 0 at the lane's start, which is a different edge of the grid in each direction.
  return { image: 0, direction, cell: viewToGrid(direction, 0, middle, geometry.grid) };
}

/** Whether a cell can be a context position in this direction (something is left to predict after it). */
export function canSelect(direction: Direction, cell: Cell, geometry: Geometry): boolean {
  const [row, col] = cell;
  const { grid, ks } = geometry;
  if (row < 0 || col < 0 || row >= grid || col >= grid) return false;
  return hasTarget(gridToView(direction, cell, grid).t, grid, ks);
}

/**
 * The inspection request for a selection, falling back to defaults for what no longer fits (another grid,
 * direction or batch, or a cell with nothing ahead of it in a newly chosen direction).
 */
export function inspectionRequest(
  selection: PatchSelection,
  geometry: Geometry,
  batch: number,
): Extract<AnalysisCommand, { type: 'request-inspection' }> {
  const direction = geometry.directions.includes(selection.direction)
    ? selection.direction
    : geometry.directions[0];
  const image = selection.image < batch ? selection.image : 0;
  const cell = canSelect(direction, selection.cell, geometry)
    ? selection.cell
    : defaultSelection(geometry, direction).cell;
  const { t, lane } = gridToView(direction, cell, geometry.grid);
  return { type: 'request-inspection', image, direction, t, lane };
}
