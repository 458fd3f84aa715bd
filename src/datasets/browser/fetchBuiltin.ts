/// <reference types="vite/client" />
/**
 * Loads a built-in set in the training worker: the manifest, then the sprite, read straight to its gray or
 * RGB samples (spritePng.ts) and cut back into images.
 */
import type { ImageSet } from '../../cpc/data/imageSet';
import { builtinDatasetFiles, type BuiltinDatasetName } from '../builtin';
import { parseManifest, spriteToImageSet, type DatasetManifest } from '../format';
import { decodeSpritePng } from '../spritePng';
import { inflateZlib } from './inflateZlib';

export async function fetchBuiltinSet(
  name: BuiltinDatasetName,
  onProgress: (fraction: number, message: string) => void,
): Promise<{ set: ImageSet; manifest: DatasetManifest }> {
  // Relative to the app's base, wherever the worker script itself lives.
  const folder = new URL(`${import.meta.env.BASE_URL}datasets/`, self.location.href);
  const files = builtinDatasetFiles(name);
  // Both downloads at once: the sprite is the long one.
  const [json, sprite] = await Promise.all([
    fetchOk(new URL(files.manifest, folder)).then((response) => response.json()),
    fetchOk(new URL(files.sprite, folder)).then((response) => response.arrayBuffer()),
  ]);
  const manifest = parseManifest(json);
  onProgress(0.6, `Decoding ${manifest.count} ${manifest.title} images…`);
  const { data, width, height, samplesPerPixel } = await decodeSpritePng(new Uint8Array(sprite), inflateZlib);
  const set = spriteToImageSet(manifest, data, width, height, samplesPerPixel);
  onProgress(1, `${manifest.title} loaded.`);
  return { set, manifest };
}

async function fetchOk(url: URL): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${url.pathname}: HTTP ${response.status}.`);
  return response;
}
