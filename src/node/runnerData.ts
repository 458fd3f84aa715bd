import type { CpcConfig } from '../cpc/config';
import type { ImageSet } from '../cpc/data/imageSet';
import { generateSyntheticShapes } from '../cpc/data/synthetic';
import { generateTextures, TEXTURES_NATIVE_SIDE } from '../cpc/data/textures';
import { fitConfigToImages, isColourSet, type ImageStats } from '../cpc/fitConfig';
import { adaptImageSet } from '../datasets/adaptImageSet';
import { BUILTIN_DATASETS, type BuiltinDatasetName } from '../datasets/builtin';
import { splitAtHeldOut } from '../datasets/splitForProbes';
import { loadBuiltinDataset } from './builtinDataset';
import type { SkippedFile } from '../datasets/assembleImport';
import { loadImageFolder } from './imageFolder';

export const SYNTHETIC_TRAIN = 2000;
export const SYNTHETIC_TEST = 500;
/** Ten texture classes: 200 test images each keep the probe's accuracy to about ±1 %. */
export const TEXTURES_TRAIN = 2000;
export const TEXTURES_TEST = 2000;

export interface RunnerData {
  train: ImageSet;
  /** Held-out labelled images for the probes, or null for unlabelled data. */
  test: ImageSet | null;
  description: string;
  skipped: SkippedFile[];
  /** The config to train with: the one given, or one fitted to the data (see fitConfigToImages). */
  config: CpcConfig;
  /** Why the fitted config looks as it does; empty when the config was given. */
  configReasons: string[];
}

/** A folder is decoded at this size in colour first, then fitted (downsizing is cheap). */
const FOLDER_PROBE_SIZE = 64;

/**
 * 'synthetic', 'textures', a built-in name, or a folder of PNG/JPEG images (class subfolders = labels).
 * With `fit`, the config's size, grid and channels are chosen for the data (colour stays colour).
 */
export async function loadRunnerData(spec: string, given: CpcConfig, fit: boolean): Promise<RunnerData> {
  const fitted = (stats: ImageStats) =>
    fit ? fitConfigToImages(stats, given) : { config: given, reasons: [] };
  if (spec === 'synthetic') {
    return generatedData(generateSyntheticShapes, 'synthetic shapes', SYNTHETIC_TRAIN, SYNTHETIC_TEST, {
      config: given,
      reasons: [],
    });
  }
  if (spec === 'textures') {
    const textures = fitted({ nativeSide: TEXTURES_NATIVE_SIDE, colour: true });
    return generatedData(generateTextures, 'colour textures', TEXTURES_TRAIN, TEXTURES_TEST, textures);
  }
  if ((BUILTIN_DATASETS as readonly string[]).includes(spec)) {
    const { train, test } = await loadBuiltinDataset(spec as BuiltinDatasetName);
    const { config, reasons } = fitted({ nativeSide: train.size, colour: isColourSet(train) });
    return {
      train: adaptImageSet(train, config.imageSize, config.channels),
      test: adaptImageSet(test, config.imageSize, config.channels),
      description: spec,
      skipped: [],
      config,
      configReasons: reasons,
    };
  }
  return loadFolder(spec, given, fit);
}

type Generator = (options: { count: number; size: number; seed: number; channels: 1 | 3 }) => ImageSet;

/** A generated set at the config's size and channels; the test images come from another seed. */
function generatedData(
  generate: Generator,
  description: string,
  trainCount: number,
  testCount: number,
  { config, reasons }: { config: CpcConfig; reasons: string[] },
): RunnerData {
  const { imageSize: size, channels, seed } = config;
  return {
    train: generate({ count: trainCount, size, seed, channels }),
    test: generate({ count: testCount, size, seed: seed + 10_000, channels }),
    description,
    skipped: [],
    config,
    configReasons: reasons,
  };
}

async function loadFolder(spec: string, given: CpcConfig, fit: boolean): Promise<RunnerData> {
  const decodeAs = fit
    ? { size: FOLDER_PROBE_SIZE, channels: 3 as const }
    : { size: given.imageSize, channels: given.channels };
  const {
    set: decoded,
    skipped,
    upscaled,
    nativeSide,
    colour,
    heldOut,
  } = await loadImageFolder(spec, decodeAs);
  if (decoded.count === 0) {
    throw new Error(
      `No usable image in ${spec} (${skipped.length} file(s) skipped). PNG and JPEG files are read.`,
    );
  }
  const { config, reasons } = fit
    ? fitConfigToImages({ nativeSide, colour }, given)
    : { config: given, reasons: [] };
  const set = adaptImageSet(decoded, config.imageSize, config.channels);
  const note = `${set.count} images from ${spec}${upscaled ? `, ${upscaled} upscaled` : ''}`;
  const labels = set.labels ? `${set.classNames.length} classes` : 'unlabelled';
  return {
    // The import's own split, as the page makes it: the same held-out images whatever the seed.
    ...splitAtHeldOut(set, heldOut),
    description: `${note}, ${labels}`,
    skipped,
    config,
    configReasons: reasons,
  };
}
