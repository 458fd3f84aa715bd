import { describe, expect, it } from 'vitest';
import { ALL_DIRECTIONS, viewToGrid } from '../../cpc/geometry';
import { cellAt, cellRoles, gridToView, hasTarget, moveCursor, patchRect, poolCell } from './gridGeometry';

describe('gridToView', () => {
  it('inverts viewToGrid for every cell and direction', () => {
    const grid = 4;
    for (const direction of ALL_DIRECTIONS) {
      for (let row = 0; row < grid; row++) {
        for (let col = 0; col < grid; col++) {
          const { t, lane } = gridToView(direction, [row, col], grid);
          expect(viewToGrid(direction, t, lane, grid)).toEqual([row, col]);
        }
      }
    }
  });

  it('counts t from the bottom when predicting upwards', () => {
    expect(gridToView('up', [2, 1], 3)).toEqual({ t: 0, lane: 1 });
    expect(gridToView('left', [1, 0], 3)).toEqual({ t: 2, lane: 1 });
  });
});

describe('hasTarget', () => {
  it('needs t + kMin inside the grid', () => {
    expect(hasTarget(0, 3, [2])).toBe(true);
    expect(hasTarget(1, 3, [2])).toBe(false);
    expect(hasTarget(1, 3, [])).toBe(false);
  });
});

describe('cellAt', () => {
  // 3×3 cells of 10 px, 2 px apart: cell starts at 0, 12, 24.
  it('maps a point to its cell', () => {
    expect(cellAt(0, 0, 3, 10, 2)).toEqual([0, 0]);
    expect(cellAt(13, 25, 3, 10, 2)).toEqual([2, 1]);
    expect(cellAt(33.9, 9.9, 3, 10, 2)).toEqual([0, 2]);
  });

  it('returns null over gaps and outside', () => {
    expect(cellAt(10.5, 0, 3, 10, 2)).toBeNull();
    expect(cellAt(0, 23, 3, 10, 2)).toBeNull();
    expect(cellAt(36, 0, 3, 10, 2)).toBeNull();
    expect(cellAt(-1, 0, 3, 10, 2)).toBeNull();
  });
});

describe('moveCursor', () => {
  it('moves by one and stops at the edges', () => {
    expect(moveCursor([0, 0], 'ArrowDown', 3)).toEqual([1, 0]);
    expect(moveCursor([0, 0], 'ArrowUp', 3)).toEqual([0, 0]);
    expect(moveCursor([2, 2], 'ArrowRight', 3)).toEqual([2, 2]);
    expect(moveCursor([1, 1], 'ArrowLeft', 3)).toEqual([1, 0]);
    expect(moveCursor([1, 1], 'x', 3)).toEqual([1, 1]);
  });
});

describe('cellRoles', () => {
  it('marks context and target cells of an inspection', () => {
    const roles = cellRoles(
      {
        direction: 'down',
        context: [
          [0, 1],
          [1, 1],
        ],
        targets: [{ k: 2, row: 3, col: 1, truePool: 13, trueScore: 0, trueRank: 1, top: [] }],
      },
      4,
    );
    expect(roles[1]).toEqual({ kind: 'context' });
    expect(roles[5]).toEqual({ kind: 'context' });
    expect(roles[13]).toEqual({ kind: 'target', k: 2 });
    expect(roles.filter((r) => r.kind === 'other')).toHaveLength(13);
  });
});

describe('poolCell and patchRect', () => {
  it('decodes (b·G + row)·G + col', () => {
    // b = 1, row 2, col 0 on a 3×3 grid: (1·3 + 2)·3 + 0 = 15.
    expect(poolCell(15, 3)).toEqual({ image: 1, row: 2, col: 0 });
  });

  it('places a patch at stride steps', () => {
    expect(patchRect([2, 1], 4, 8)).toEqual({ x: 4, y: 8, size: 8 });
  });
});
