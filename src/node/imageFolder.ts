import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageSet } from '../cpc/data/imageSet';
import { checkImageContent, checkImageName } from '../datasets/imageType';
import { compareNames, labelFolderImages } from '../datasets/labels';
import { fitImage } from '../datasets/resize';
import { decodeImage } from './decodeImage';
import { listFiles } from './listFiles';

export interface ImageFolderOptions {
  /** Side of the square images to produce. */
  size: number;
  channels: 1 | 3;
}

export interface SkippedFile {
  /** Relative to the folder, '/'-separated. */
  path: string;
  reason: string;
}

export interface ImageFolderResult {
  set: ImageSet;
  /** Files that were not used, each with why; sorted by path. Hidden files are left out silently. */
  skipped: SkippedFile[];
  /** How many kept images were smaller than `size` and had to be enlarged. */
  upscaled: number;
}

/**
 * Loads a folder of PNG and JPEG pictures as an ImageSet, labelled by first-level subfolder (see
 * `labelFolderImages` for the rules). A bad file never fails the import: it is skipped with a reason.
 * An empty or image-less folder gives an empty set, for the caller to report.
 */
export async function loadImageFolder(dir: string, options: ImageFolderOptions): Promise<ImageFolderResult> {
  const listing = await listFiles(dir);
  const skipped: SkippedFile[] = [...listing.skipped];
  const fitted = new Map<string, { pixels: Uint8Array; upscaled: boolean }>();
  for (const path of listing.files) {
    const outcome = await readImage(join(dir, path), path, options);
    if ('reason' in outcome) skipped.push({ path, reason: outcome.reason });
    else fitted.set(path, outcome);
  }
  const plan = labelFolderImages([...fitted.keys()]);
  skipped.push(...plan.skipped);
  const { size, channels } = options;
  const bytes = size * size * channels;
  const pixels = new Uint8Array(plan.paths.length * bytes);
  let upscaled = 0;
  plan.paths.forEach((path, i) => {
    const image = fitted.get(path) as { pixels: Uint8Array; upscaled: boolean };
    pixels.set(image.pixels, i * bytes);
    if (image.upscaled) upscaled++;
  });
  const set: ImageSet = {
    pixels,
    count: plan.paths.length,
    size,
    channels,
    labels: plan.labels,
    classNames: plan.classNames,
    names: plan.paths,
  };
  return { set, skipped: skipped.sort((a, b) => compareNames(a.path, b.path)), upscaled };
}

async function readImage(
  fullPath: string,
  path: string,
  { size, channels }: ImageFolderOptions,
): Promise<{ pixels: Uint8Array; upscaled: boolean } | { reason: string }> {
  const named = checkImageName(path);
  if ('reason' in named) return named;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(fullPath);
  } catch (error) {
    return { reason: `cannot read: ${messageOf(error)}` };
  }
  const contentProblem = checkImageContent(named.type, bytes);
  if (contentProblem) return { reason: contentProblem };
  try {
    return fitImage(decodeImage(named.type, bytes), size, channels);
  } catch (error) {
    return { reason: `corrupt ${named.type === 'png' ? 'PNG' : 'JPEG'}: ${messageOf(error)}` };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
