import type { CpcConfig } from '../cpc/config';
import type { ImageSet } from '../cpc/data/imageSet';
import { generateSyntheticShapes } from '../cpc/data/synthetic';
import { generateTextures } from '../cpc/data/textures';
import { adaptImageSet } from '../datasets/adaptImageSet';
import { BUILTIN_DATASETS, type BuiltinDatasetName } from '../datasets/builtin';
import { splitForProbes } from '../datasets/splitForProbes';
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
}

/** 'synthetic', 'textures', a built-in name, or a folder of PNG/JPEG images (class subfolders = labels). */
export async function loadRunnerData(spec: string, config: CpcConfig): Promise<RunnerData> {
  const { imageSize: size, channels } = config;
  if (spec === 'synthetic') {
    const make = (count: number, seed: number) => generateSyntheticShapes({ count, size, seed, channels });
    return {
      train: make(SYNTHETIC_TRAIN, config.seed),
      test: make(SYNTHETIC_TEST, config.seed + 10_000),
      description: 'synthetic shapes',
      skipped: [],
    };
  }
  if (spec === 'textures') {
    const make = (count: number, seed: number) => generateTextures({ count, size, seed, channels });
    return {
      train: make(TEXTURES_TRAIN, config.seed),
      test: make(TEXTURES_TEST, config.seed + 10_000),
      description: 'colour textures',
      skipped: [],
    };
  }
  if ((BUILTIN_DATASETS as readonly string[]).includes(spec)) {
    const { train, test } = await loadBuiltinDataset(spec as BuiltinDatasetName);
    return {
      train: adaptImageSet(train, size, channels),
      test: adaptImageSet(test, size, channels),
      description: spec,
      skipped: [],
    };
  }
  const { set, skipped, upscaled } = await loadImageFolder(spec, { size, channels });
  if (set.count === 0) {
    throw new Error(
      `No usable image in ${spec} (${skipped.length} file(s) skipped). PNG and JPEG files are read.`,
    );
  }
  const note = `${set.count} images from ${spec}${upscaled ? `, ${upscaled} upscaled` : ''}`;
  const labels = set.labels ? `${set.classNames.length} classes` : 'unlabelled';
  return { ...splitForProbes(set, config.seed), description: `${note}, ${labels}`, skipped };
}
