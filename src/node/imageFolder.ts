import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assembleImport, type DecodeOutcome, type ImportResult } from '../datasets/assembleImport';
import { imageSizeProblem } from '../datasets/imageHeader';
import { checkImageContent, checkImageName } from '../datasets/imageType';
import { compareNames } from '../datasets/labels';
import { fitImage } from '../datasets/resize';
import { decodeImage } from './decodeImage';
import { listFiles } from './listFiles';

export interface ImageFolderOptions {
  /** Side of the square images to produce. */
  size: number;
  channels: 1 | 3;
}

export type ImageFolderResult = ImportResult;

/**
 * Loads a folder of PNG and JPEG pictures as an ImageSet, labelled by first-level subfolder (see
 * `labelFolderImages` for the rules). A bad file never fails the import: it is skipped with a reason.
 * An empty or image-less folder gives an empty set, for the caller to report.
 */
export async function loadImageFolder(dir: string, options: ImageFolderOptions): Promise<ImageFolderResult> {
  const listing = await listFiles(dir);
  const outcomes: DecodeOutcome[] = [];
  for (const path of listing.files)
    outcomes.push({ path, ...(await readImage(join(dir, path), path, options)) });
  const result = assembleImport(outcomes, options.size, options.channels);
  const skipped = [...listing.skipped, ...result.skipped].sort((a, b) => compareNames(a.path, b.path));
  return { ...result, skipped };
}

async function readImage(
  fullPath: string,
  path: string,
  { size, channels }: ImageFolderOptions,
): Promise<{ pixels: Uint8Array; upscaled: boolean; side: number } | { reason: string }> {
  const named = checkImageName(path);
  if ('reason' in named) return named;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(fullPath);
  } catch (error) {
    return { reason: `cannot read: ${messageOf(error)}` };
  }
  const contentProblem = checkImageContent(named.type, bytes) ?? imageSizeProblem(named.type, bytes);
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
