import { subsetImages, type ImageSet } from '../cpc/data/imageSet';
import { trainTestSplit } from '../cpc/data/split';
import { createRng } from '../cpc/random';

/** Share of a labelled imported set held out for the probes. */
export const PROBE_TEST_FRACTION = 0.2;

/**
 * Splits an imported set for the probes: a seeded, stratified 80/20 split when it has labels; no test
 * set when it has none (self-supervised training needs no labels). Used by the worker and the runner.
 */
export function splitForProbes(set: ImageSet, seed: number): { train: ImageSet; test: ImageSet | null } {
  if (!set.labels) return { train: set, test: null };
  const split = trainTestSplit(set.count, set.labels, PROBE_TEST_FRACTION, createRng(seed));
  return {
    train: subsetImages(set, split.train),
    test: split.test.length > 0 ? subsetImages(set, split.test) : null,
  };
}
