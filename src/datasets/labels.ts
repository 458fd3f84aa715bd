/**
 * How an imported folder becomes labels. Paths are relative to the chosen folder, '/'-separated, and
 * name only images that decoded, so a class whose every file was bad never appears.
 *
 * - The first-level subfolder names the class; files deeper down belong to that first-level class.
 * - With no image in any subfolder the folder is one unlabelled set (labels null).
 * - Hidden files and folders (a name starting with '.') are ignored without a word.
 * - When some images sit in class folders and others at the top level, the class folders win: the
 *   top-level images are skipped as 'unlabelled file in a labelled folder'. Training on them would be
 *   possible, but the probes need a label for every image, and silently inventing a class would mislead.
 */
export const UNLABELLED_IN_LABELLED_FOLDER = 'unlabelled file in a labelled folder';

export interface FolderLabels {
  /** The images to keep, in sorted order. */
  paths: string[];
  /** Class index per kept path, or null for a flat (unlabelled) folder. */
  labels: Int32Array | null;
  /** Sorted class names; empty when unlabelled. */
  classNames: string[];
  skipped: { path: string; reason: string }[];
}

export function labelFolderImages(imagePaths: readonly string[]): FolderLabels {
  const paths = imagePaths.filter((p) => !isHiddenPath(p)).sort(compareNames);
  const classOf = (p: string): string | null => (p.includes('/') ? p.slice(0, p.indexOf('/')) : null);
  if (!paths.some((p) => classOf(p) !== null)) {
    return { paths, labels: null, classNames: [], skipped: [] };
  }
  const kept = paths.filter((p) => classOf(p) !== null);
  const skipped = paths
    .filter((p) => classOf(p) === null)
    .map((path) => ({ path, reason: UNLABELLED_IN_LABELLED_FOLDER }));
  const classNames = [...new Set(kept.map((p) => classOf(p) as string))].sort(compareNames);
  const index = new Map(classNames.map((name, i) => [name, i]));
  const labels = Int32Array.from(kept, (p) => index.get(classOf(p) as string) as number);
  return { paths: kept, labels, classNames, skipped };
}

/** True when any folder or file on the path is hidden ('.DS_Store', '.git/…', 'cats/.thumbs/…'). */
export function isHiddenPath(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.'));
}

/**
 * One collator for every comparison: localeCompare with options builds one per call, which made sorting
 * a 10,000-file import take seconds of the page's main thread.
 */
const NATURAL_ORDER = new Intl.Collator('en', { numeric: true });

/** Natural order, the same on every machine: 'class2' before 'class10', case ignored first. */
export function compareNames(a: string, b: string): number {
  return NATURAL_ORDER.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
