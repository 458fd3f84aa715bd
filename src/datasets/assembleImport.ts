import { isColourSet, medianSide } from '../cpc/fitConfig';
import type { ImageSet, StoredPixels } from '../cpc/data/imageSet';
import { compareNames, labelFolderImages } from './labels';
import { importSplit } from './splitForProbes';

/** One file after decoding: its resized pixels (and its side before resizing), or why it was skipped. */
export type DecodeOutcome =
  { path: string; pixels: Uint8Array; upscaled: boolean; side?: number } | { path: string; reason: string };

export interface SkippedFile {
  /** Relative to the imported folder, '/'-separated. */
  path: string;
  reason: string;
}

export interface ImportResult {
  set: ImageSet;
  /** Every file not used, with why, sorted by path. Hidden files are left out silently. */
  skipped: SkippedFile[];
  /** Kept images smaller than the training size, enlarged to fit. */
  upscaled: number;
  /** Median side of the kept images before resizing (what a fitted config sizes to); null if unknown. */
  nativeSide: number | null;
  /** Side of each kept image before resizing, where the decoder reported it. */
  sides: number[];
  /**
   * How many of the set's images, the last ones, are held out for the probes: the import's own split
   * (importSplit), by which the set is packed.
   */
  heldOut: number;
  /**
   * Whether the set carries colour (isColourSet), found where it is assembled: the check reads every
   * pixel, which on the page held the main thread for a large import.
   */
  colour: boolean;
}

/**
 * Packs a set's images, given in its order, into one buffer: copies into a new one by default; the browser's
 * assemble worker moves them within the pool they arrived in (see browser/imagePool.ts), or, for a large
 * import, gives their places in the file they were written to (browser/storedPool.ts).
 */
export type PackImages = (images: readonly Uint8Array[]) => Uint8Array | StoredPixels;

/** The images copied one after another into `into`. */
export function packCopies(images: readonly Uint8Array[], into: Uint8Array): Uint8Array {
  let offset = 0;
  for (const image of images) {
    into.set(image, offset);
    offset += image.length;
  }
  return into;
}

/**
 * Applies the label rules to the decoded files and packs their pixels into one set, in the order of the
 * import's split: the training images by path, then the held-out ones by path. Shared by the browser
 * importer and the Node folder loader, so both follow the same rules.
 */
export function assembleImport(
  outcomes: readonly DecodeOutcome[],
  size: number,
  channels: 1 | 3,
  pack: PackImages = (images) => packCopies(images, new Uint8Array(images.length * size * size * channels)),
): ImportResult {
  const skipped: SkippedFile[] = [];
  const decoded = new Map<string, { pixels: Uint8Array; upscaled: boolean; side?: number }>();
  for (const outcome of outcomes) {
    if ('reason' in outcome) skipped.push({ path: outcome.path, reason: outcome.reason });
    else decoded.set(outcome.path, outcome);
  }
  const plan = labelFolderImages([...decoded.keys()]);
  skipped.push(...plan.skipped);
  const count = plan.paths.length;
  const { order, heldOut } = importSplit(count, plan.labels);
  const bytes = size * size * channels;
  const names = Array.from(order, (from) => plan.paths[from]);
  const images = names.map((path) => {
    const image = decoded.get(path)!;
    if (image.pixels.length !== bytes)
      throw new Error(`${path}: ${image.pixels.length} bytes, expected ${bytes}.`);
    return image;
  });
  const upscaled = images.filter((image) => image.upscaled).length;
  const pixels = pack(images.map((image) => image.pixels));
  const labels = plan.labels && Int32Array.from(order, (from) => plan.labels![from]);
  const set: ImageSet = { pixels, count, size, channels, labels, classNames: plan.classNames, names };
  const sides = names.flatMap((path) => decoded.get(path)?.side ?? []);
  return {
    set,
    skipped: skipped.sort((a, b) => compareNames(a.path, b.path)),
    upscaled,
    nativeSide: medianSide(sides),
    sides,
    heldOut,
    colour: isColourSet(set),
  };
}

/** Kept images smaller than `size`: those enlarged when the set trains at that size. */
export function enlargedCount(result: Pick<ImportResult, 'sides'>, size: number): number {
  return result.sides.filter((side) => side < size).length;
}

/** Images per class, indexed like classNames (empty for an unlabelled set). */
export function classCounts(set: Pick<ImageSet, 'labels' | 'classNames'>): number[] {
  const counts = set.classNames.map(() => 0);
  set.labels?.forEach((label) => counts[label]++);
  return counts;
}

/** What to tell the user when an import produced no image at all; null when it did. */
export function emptyImportMessage(result: ImportResult, filesSeen: number): string | null {
  if (result.set.count > 0) return null;
  if (filesSeen === 0) return 'The folder is empty: there is no file to import.';
  return `No usable image: all ${result.skipped.length} files were skipped (see the list below).`;
}
