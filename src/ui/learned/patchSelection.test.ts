import { describe, expect, it } from 'vitest';
import { canSelect, defaultSelection, inspectionRequest } from './patchSelection';

const down = { grid: 3, ks: [2], directions: ['down' as const] };
const all = { grid: 4, ks: [2, 3], directions: ['down', 'up', 'right', 'left'] as const };
const allGeometry = { ...all, directions: [...all.directions] };

describe('defaultSelection', () => {
  it('starts at the top of the middle column when predicting downwards', () => {
    expect(defaultSelection(down)).toEqual({ image: 0, direction: 'down', cell: [0, 1] });
  });
});

describe('canSelect', () => {
  it('allows only contexts with a target ahead in the grid', () => {
    expect(canSelect('down', [0, 2], down)).toBe(true);
    expect(canSelect('down', [1, 2], down)).toBe(false);
    // Predicting upwards from the bottom row: t = 0.
    expect(canSelect('up', [3, 0], allGeometry)).toBe(true);
    expect(canSelect('up', [1, 0], allGeometry)).toBe(false);
    expect(canSelect('left', [0, 3], allGeometry)).toBe(true);
    expect(canSelect('down', [3, 0], down)).toBe(false);
  });
});

describe('inspectionRequest', () => {
  it('turns a cell into (t, lane) for its direction', () => {
    const request = inspectionRequest({ image: 1, direction: 'right', cell: [2, 1] }, allGeometry, 2);
    expect(request).toEqual({ type: 'request-inspection', image: 1, direction: 'right', t: 1, lane: 2 });
  });

  it('falls back to the default when the selection no longer fits the model', () => {
    const stale = { image: 3, direction: 'left' as const, cell: [0, 3] as [number, number] };
    expect(inspectionRequest(stale, down, 2)).toEqual({
      type: 'request-inspection',
      image: 0,
      direction: 'down',
      t: 0,
      lane: 1,
    });
  });
});
