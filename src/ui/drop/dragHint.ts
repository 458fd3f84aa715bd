/**
 * What the overlay says while files are dragged over the page. Until the drop, the browser shows only
 * each item's kind and MIME type (no names, no bytes, and a folder's type is empty), so the hint promises
 * only what those can tell.
 */
export interface DragItemLike {
  kind: string;
  type: string;
}

const ZIP_TYPES = new Set(['application/zip', 'application/x-zip-compressed']);

/** Null when the drag carries no files (a link, some text): the page shows no overlay. */
export function dragHint(items: readonly DragItemLike[]): string | null {
  const files = items.filter((item) => item.kind === 'file');
  if (files.length === 0) return null;
  if (files.every((item) => item.type.startsWith('image/')))
    return files.length === 1
      ? 'Drop to import this image as a data set'
      : `Drop to import these ${files.length} images as a data set`;
  if (files.length === 1 && ZIP_TYPES.has(files[0].type))
    return 'Drop to open this .zip: a saved run resumes, a .zip of images becomes the data set';
  return 'Drop images, a folder or a .zip to train on them; drop a saved run to resume it';
}
