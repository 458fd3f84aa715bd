import type { CpcConfig } from '../cpc/config';
import { imageBytes, isStored, type ImageSet } from '../cpc/data/imageSet';
import { generateSyntheticShapes } from '../cpc/data/synthetic';
import { generateTextures } from '../cpc/data/textures';
import { adaptImageSet } from '../datasets/adaptImageSet';
import { BUILTIN_DATASETS, type BuiltinDatasetName } from '../datasets/builtin';
import { openStoredPixels } from '../datasets/browser/storedImports';
import type { DatasetManifest } from '../datasets/format';
import { splitByManifest } from '../datasets/format';
import { isShared } from '../datasets/sharedPixels';
import { splitAtHeldOut, splitForProbes } from '../datasets/splitForProbes';
import type { DatasetInfo, DatasetSpec } from './protocol';

/** Synthetic images are made in memory; more than this is a typo, not a wish. */
export const MAX_SYNTHETIC_COUNT = 100_000;

/** The sets generated in memory, by spec kind. */
const GENERATED = {
  synthetic: { generate: generateSyntheticShapes, noun: 'synthetic', title: 'Synthetic shapes' },
  textures: { generate: generateTextures, noun: 'texture', title: 'Colour textures' },
} as const;

export interface LoadedDataset {
  /** What the model trains on, at the config's size and channel count. */
  train: ImageSet;
  /** Held out for the probes; null when the set has no labels (or is synthetic). */
  test: ImageSet | null;
  info: DatasetInfo;
}

export type FetchBuiltin = (
  name: BuiltinDatasetName,
  onProgress: (fraction: number, message: string) => void,
) => Promise<{ set: ImageSet; manifest: DatasetManifest }>;

/** Builds the images a run trains on. `onProgress` gets fractions in [0, 1] of the loading alone. */
export async function loadDataset(
  spec: DatasetSpec,
  config: CpcConfig,
  onProgress: (fraction: number, message: string) => void,
  fetchBuiltin: FetchBuiltin = browserFetchBuiltin,
  now: () => number = () => performance.now(),
): Promise<LoadedDataset> {
  const started = now();
  const { train, test, title } = await loadParts(spec, config, onProgress, fetchBuiltin);
  return { train, test, info: describeDataset(title, train, test, now() - started) };
}

async function loadParts(
  spec: DatasetSpec,
  config: CpcConfig,
  onProgress: (fraction: number, message: string) => void,
  fetchBuiltin: FetchBuiltin,
): Promise<{ train: ImageSet; test: ImageSet | null; title: string }> {
  const fit = (set: ImageSet) => adaptImageSet(set, config.imageSize, config.channels);
  switch (spec.kind) {
    case 'synthetic':
    case 'textures': {
      if (!Number.isInteger(spec.count) || spec.count < 1 || spec.count > MAX_SYNTHETIC_COUNT) {
        throw new Error(
          `Synthetic image count must be an integer in [1, ${MAX_SYNTHETIC_COUNT}], got ${spec.count}.`,
        );
      }
      const { generate, noun, title } = GENERATED[spec.kind];
      onProgress(0, `Preparing ${spec.count} ${noun} images…`);
      // The data share the run's seed: one config, one reproducible run.
      const train = generate({
        count: spec.count,
        size: config.imageSize,
        seed: config.seed,
        channels: config.channels,
      });
      return { train, test: null, title };
    }
    case 'builtin': {
      if (!BUILTIN_DATASETS.includes(spec.name)) throw new Error(`Unknown built-in dataset '${spec.name}'.`);
      onProgress(0, `Loading ${spec.name}…`);
      const { set, manifest } = await fetchBuiltin(spec.name, onProgress);
      const { train, test } = splitByManifest(fit(set), manifest.split);
      return { train, test, title: manifest.title };
    }
    case 'images': {
      checkImportedSet(spec.set);
      onProgress(0, `Preparing ${spec.set.count} imported images…`);
      const set = fit(await readable(spec.set));
      // Packed by its split: two views, nothing copied (a shared buffer is the page's copy too).
      if (spec.heldOut !== undefined) return { ...splitAtHeldOut(set, spec.heldOut), title: spec.name };
      // Transferred here (or adapted here), the set is this worker's alone: split in place, no second copy.
      return { ...splitForProbes(set, config.seed, { inPlace: !isShared(set.pixels) }), title: spec.name };
    }
  }
}

/** The set crossed postMessage: check that its parts agree before anything indexes into them. */
function checkImportedSet(set: ImageSet): void {
  const fail = (why: string) => {
    throw new Error(`The imported set is malformed: ${why}.`);
  };
  if (!Number.isInteger(set.count) || set.count < 1) fail(`count ${set.count}`);
  if (set.channels !== 1 && set.channels !== 3) fail(`channels ${set.channels}`);
  const { pixels } = set;
  const stored = !!pixels && typeof pixels === 'object' && isStored(pixels);
  if (stored && !(pixels.slots instanceof Int32Array && pixels.slots.length === set.count)) {
    fail(`${pixels.slots?.length} stored images for ${set.count}`);
  }
  if ((!stored && !(pixels instanceof Uint8Array)) || pixels.length !== set.count * imageBytes(set)) {
    fail(`${pixels?.length} pixel bytes for ${set.count} images of ${set.size}px`);
  }
  if (set.labels) {
    if (set.labels.length !== set.count) fail(`${set.labels.length} labels for ${set.count} images`);
    if (set.labels.some((l) => l < 0 || l >= set.classNames.length)) fail('a label outside the class list');
  }
}

function describeDataset(title: string, train: ImageSet, test: ImageSet | null, loadMs: number): DatasetInfo {
  const classCounts = train.classNames.map(() => 0);
  for (const part of [train, test]) part?.labels?.forEach((label) => classCounts[label]++);
  return {
    title,
    trainCount: train.count,
    testCount: test?.count ?? 0,
    classNames: [...train.classNames],
    classCounts,
    loadMs,
  };
}

/** The set, its file opened for reading here when it is kept on disk (only a browser worker keeps one). */
async function readable(set: ImageSet): Promise<ImageSet> {
  if (!isStored(set.pixels)) return set;
  try {
    return { ...set, pixels: await openStoredPixels(set.pixels) };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`The imported images kept on disk could not be read (${why}). Import the folder again.`, {
      cause: error,
    });
  }
}

/** Imported lazily so Node tests of the other kinds never touch browser-only APIs. */
const browserFetchBuiltin: FetchBuiltin = async (name, onProgress) =>
  (await import('../datasets/browser/fetchBuiltin')).fetchBuiltinSet(name, onProgress);
