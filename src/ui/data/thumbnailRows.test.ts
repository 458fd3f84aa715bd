import { describe, it, expect } from 'vitest';
import { thumbnailRows, visibleRange } from './thumbnailRows';

describe('thumbnailRows', () => {
  it('groups images by class, a heading then rows of at most perRow, skipping empty classes', () => {
    const rows = thumbnailRows(
      { count: 5, labels: Int32Array.from([1, 0, 1, 1, 1]), classNames: ['a', 'b', 'c'] },
      3,
    );
    expect(rows).toEqual([
      { kind: 'heading', title: 'a (1)' },
      { kind: 'images', indices: [1] },
      { kind: 'heading', title: 'b (4)' },
      { kind: 'images', indices: [0, 2, 3] },
      { kind: 'images', indices: [4] },
    ]);
  });

  it('puts an unlabelled set in one group', () => {
    expect(thumbnailRows({ count: 2, labels: null, classNames: [] }, 4)).toEqual([
      { kind: 'heading', title: 'All images (2)' },
      { kind: 'images', indices: [0, 1] },
    ]);
  });
});

describe('visibleRange', () => {
  it('covers the viewport plus the overscan, clamped to the rows', () => {
    // Rows 10..14 are in a 200 px view at 1000 px with 40 px rows; 2 rows of overscan each side.
    expect(visibleRange(400, 200, 40, 1000)).toEqual({ first: 8, last: 17 });
    expect(visibleRange(0, 200, 40, 3)).toEqual({ first: 0, last: 3 });
  });
});
