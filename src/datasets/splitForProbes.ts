import { imageBytes, subsetImages, type ImageSet } from '../cpc/data/imageSet';
import { trainTestSplit, type TrainTestSplit } from '../cpc/data/split';
import { createRng } from '../cpc/random';

/** Share of a labelled imported set held out for the probes. */
export const PROBE_TEST_FRACTION = 0.2;

/**
 * Splits an imported set for the probes: a seeded, stratified 80/20 split when it has labels; no test
 * set when it has none (self-supervised training needs no labels). Used by the worker and the runner.
 * `inPlace`: the caller gives the set up, and its pixel buffer becomes the two parts' (views of it, the
 * training images first), so the split holds a fifth of the pixels more, not all of them twice: the
 * worker, with 10,000 imported images of 64 px colour (123 MB), would otherwise hold three copies at once
 * with the page's. Either way the same images, in the same order.
 */
export function splitForProbes(
  set: ImageSet,
  seed: number,
  { inPlace = false }: { inPlace?: boolean } = {},
): { train: ImageSet; test: ImageSet | null } {
  if (!set.labels) return { train: set, test: null };
  const split = trainTestSplit(set.count, set.labels, PROBE_TEST_FRACTION, createRng(seed));
  if (split.test.length === 0) return { train: subsetImages(set, split.train), test: null };
  if (inPlace) return splitInPlace(set, split);
  return { train: subsetImages(set, split.train), test: subsetImages(set, split.test) };
}

/**
 * The training images moved to the front of set.pixels in their order, the test images after them.
 * split.train is ascending, so each training image moves forward onto a slot whose own image has moved
 * already or is a test image, copied out first.
 */
function splitInPlace(set: ImageSet, split: TrainTestSplit): { train: ImageSet; test: ImageSet } {
  const bytes = imageBytes(set);
  const pixels = set.pixels;
  const held = subsetImages(set, split.test).pixels; // [test, bytes], copied before anything moves
  split.train.forEach((from, to) => {
    if (from !== to) pixels.copyWithin(to * bytes, from * bytes, (from + 1) * bytes);
  });
  const cut = split.train.length * bytes;
  pixels.set(held, cut);
  const part = (indices: ArrayLike<number>, view: Uint8Array): ImageSet => ({
    ...set,
    pixels: view,
    count: indices.length,
    labels: Int32Array.from(indices, (i) => (set.labels as Int32Array)[i]),
    names: set.names ? Array.from(indices, (i) => (set.names as string[])[i]) : undefined,
  });
  return {
    train: part(split.train, pixels.subarray(0, cut)),
    test: part(split.test, pixels.subarray(cut, set.count * bytes)),
  };
}
