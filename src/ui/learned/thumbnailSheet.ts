/** A sheet of `count` square thumbnails, `perRow` to a row, each `cell` pixels: the image under a point. */
export function sheetIndexAt(
  x: number,
  y: number,
  cell: number,
  perRow: number,
  count: number,
): number | null {
  const col = Math.floor(x / cell);
  const row = Math.floor(y / cell);
  if (x < 0 || y < 0 || col >= perRow) return null;
  const index = row * perRow + col;
  return index < count ? index : null;
}

/** Arrow keys move a cursor through the sheet; up and down jump a row. */
export function moveSheetCursor(index: number, key: string, perRow: number, count: number): number {
  const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -perRow, ArrowDown: perRow }[key] ?? 0;
  const next = index + step;
  return next >= 0 && next < count ? next : index;
}
