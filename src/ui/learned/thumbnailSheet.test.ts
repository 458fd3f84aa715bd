import { describe, expect, it } from 'vitest';
import { moveSheetCursor, sheetIndexAt } from './thumbnailSheet';

describe('sheetIndexAt', () => {
  // 7 thumbnails of 10 px, 3 to a row: rows [0 1 2] [3 4 5] [6].
  it('maps a point to the thumbnail under it', () => {
    expect(sheetIndexAt(0, 0, 10, 3, 7)).toBe(0);
    expect(sheetIndexAt(25, 15, 10, 3, 7)).toBe(5);
    expect(sheetIndexAt(5, 25, 10, 3, 7)).toBe(6);
  });
  it('returns null past the last image or outside the sheet', () => {
    expect(sheetIndexAt(15, 25, 10, 3, 7)).toBeNull();
    expect(sheetIndexAt(31, 0, 10, 3, 7)).toBeNull();
    expect(sheetIndexAt(-1, 0, 10, 3, 7)).toBeNull();
  });
});

describe('moveSheetCursor', () => {
  it('moves by one or by a row and stays inside', () => {
    expect(moveSheetCursor(1, 'ArrowDown', 3, 7)).toBe(4);
    expect(moveSheetCursor(4, 'ArrowDown', 3, 7)).toBe(4);
    expect(moveSheetCursor(0, 'ArrowLeft', 3, 7)).toBe(0);
    expect(moveSheetCursor(5, 'ArrowRight', 3, 7)).toBe(6);
  });
});
