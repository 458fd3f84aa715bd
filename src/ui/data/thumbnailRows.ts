import type { ImageSet } from '../../cpc/data/imageSet';

/** One line of the thumbnail grid: a class heading, or up to `perRow` image indices of one class. */
export type ThumbnailRow = { kind: 'heading'; title: string } | { kind: 'images'; indices: number[] };

/** Rows grouped by class in class order (one group for an unlabelled set). */
export function thumbnailRows(
  set: Pick<ImageSet, 'count' | 'labels' | 'classNames'>,
  perRow: number,
): ThumbnailRow[] {
  const groups: { title: string; indices: number[] }[] = set.labels
    ? set.classNames.map((title) => ({ title, indices: [] }))
    : [{ title: 'All images', indices: [] }];
  for (let i = 0; i < set.count; i++) groups[set.labels ? set.labels[i] : 0].indices.push(i);
  const rows: ThumbnailRow[] = [];
  for (const { title, indices } of groups) {
    if (indices.length === 0) continue;
    rows.push({ kind: 'heading', title: `${title} (${indices.length})` });
    for (let i = 0; i < indices.length; i += perRow)
      rows.push({ kind: 'images', indices: indices.slice(i, i + perRow) });
  }
  return rows;
}

/** The rows a scroll position shows, plus a little overscan on each side. */
export function visibleRange(
  scrollTop: number,
  viewHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan = 2,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan);
  return { first, last };
}
