import type { Direction } from '../../cpc/geometry';
import type { PredictionInspection } from '../../cpc/model/inspect';

export type Cell = [row: number, col: number];

/** The inverse of cpc/geometry's viewToGrid: a grid cell as (t along the direction, lane across it). */
export function gridToView(
  direction: Direction,
  [row, col]: Cell,
  grid: number,
): { t: number; lane: number } {
  switch (direction) {
    case 'down':
      return { t: row, lane: col };
    case 'up':
      return { t: grid - 1 - row, lane: col };
    case 'right':
      return { t: col, lane: row };
    case 'left':
      return { t: grid - 1 - col, lane: row };
  }
}

/** A context at t has something to predict only while the nearest step ahead stays inside the grid. */
export function hasTarget(t: number, grid: number, ks: readonly number[]): boolean {
  return ks.length > 0 && t + Math.min(...ks) < grid;
}

/**
 * The mosaic cell under a point given in mosaic pixels (cells of `cell` pixels, `gap` apart), or null
 * over a gap or outside.
 */
export function cellAt(x: number, y: number, grid: number, cell: number, gap: number): Cell | null {
  const pitch = cell + gap;
  const col = Math.floor(x / pitch);
  const row = Math.floor(y / pitch);
  const inside = (v: number, i: number) => i >= 0 && i < grid && v - i * pitch < cell;
  return inside(x, col) && inside(y, row) ? [row, col] : null;
}

/** Arrow keys move the keyboard cursor one cell, stopping at the edges; other keys leave it. */
export function moveCursor([row, col]: Cell, key: string, grid: number): Cell {
  const clamp = (v: number) => Math.min(grid - 1, Math.max(0, v));
  switch (key) {
    case 'ArrowUp':
      return [clamp(row - 1), col];
    case 'ArrowDown':
      return [clamp(row + 1), col];
    case 'ArrowLeft':
      return [row, clamp(col - 1)];
    case 'ArrowRight':
      return [row, clamp(col + 1)];
    default:
      return [row, col];
  }
}

export type CellRole = { kind: 'context' } | { kind: 'target'; k: number } | { kind: 'other' };

/** What each cell of the grid is in an inspection, row-major: context, the target for some k, or neither. */
export function cellRoles(prediction: PredictionInspection, grid: number): CellRole[] {
  const roles: CellRole[] = Array.from({ length: grid * grid }, () => ({ kind: 'other' }));
  for (const [row, col] of prediction.context) roles[row * grid + col] = { kind: 'context' };
  for (const target of prediction.targets)
    roles[target.row * grid + target.col] = { kind: 'target', k: target.k };
  return roles;
}

/** Where pool index `pool` of a batch lies: which image and which grid cell. */
export function poolCell(pool: number, grid: number): { image: number; row: number; col: number } {
  const perImage = grid * grid;
  const within = pool % perImage;
  return { image: Math.floor(pool / perImage), row: Math.floor(within / grid), col: within % grid };
}

/** A patch's square on the image, in image pixels. */
export function patchRect([row, col]: Cell, stride: number, patchSize: number) {
  return { x: col * stride, y: row * stride, size: patchSize };
}
