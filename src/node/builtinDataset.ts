import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { join } from 'node:path';
import type { ImageSet } from '../cpc/data/imageSet';
import { builtinDatasetFiles, type BuiltinDatasetName } from '../datasets/builtin';
import { parseManifest, splitByManifest, spriteToImageSet } from '../datasets/format';
import { decodeSpritePng } from '../datasets/spritePng';

const inflateZlib = promisify(inflate);

/**
 * Loads a built-in dataset from its manifest and sprite (as written by `npm run build:datasets`).
 * `root` is resolved against the working directory, the repository root for npm scripts.
 */
export async function loadBuiltinDataset(
  name: BuiltinDatasetName,
  root = 'public/datasets',
): Promise<{ train: ImageSet; test: ImageSet }> {
  const files = builtinDatasetFiles(name);
  const manifest = parseManifest(JSON.parse(await readFile(join(root, files.manifest), 'utf8')));
  if (manifest.name !== name) {
    throw new Error(`${join(root, files.manifest)} describes dataset '${manifest.name}', not '${name}'.`);
  }
  const file = await readFile(join(root, files.sprite));
  const { data, width, height, samplesPerPixel } = await decodeSpritePng(file, inflateZlib);
  const set = spriteToImageSet(manifest, data, width, height, samplesPerPixel);
  return splitByManifest(set, manifest.split);
}
