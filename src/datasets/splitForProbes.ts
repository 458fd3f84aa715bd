import { imageBytes, isStored, pickImages, subsetImages, type ImageSet } from '../cpc/data/imageSet';
import { trainTestSplit, type TrainTestSplit } from '../cpc/data/split';
import { createRng } from '../cpc/random';

/** Share of a labelled imported set held out for the probes. */
export const PROBE_TEST_FRACTION = 0.2;

/**
 * The seed of an import's own split (importSplit). The config's default seed, so that a run at that seed
 * holds out the same images as when the split followed the run's seed.
 */
export const IMPORT_SPLIT_SEED = 1;

/**
 * An import's split, made once when it is assembled, as a built-in set's is made once by its manifest: every
 * run on the import probes the same held-out images, whatever its seed. `order` lists the images in the
 * order the set is packed in: the training images in their order, then the `heldOut` test images in theirs
 * (splitForProbes' parts at IMPORT_SPLIT_SEED). So the parts are two ranges of one buffer (splitAtHeldOut),
 * which the page and the training worker can share without either moving an image.
 */
export function importSplit(
  count: number,
  labels: Int32Array | null,
): { order: Int32Array; heldOut: number } {
  const identity = () => ({ order: Int32Array.from({ length: count }, (_, i) => i), heldOut: 0 });
  if (!labels) return identity();
  const split = trainTestSplit(count, labels, PROBE_TEST_FRACTION, createRng(IMPORT_SPLIT_SEED));
  if (split.test.length === 0) return identity();
  const order = new Int32Array(count);
  order.set(split.train);
  order.set(split.test, split.train.length);
  return { order, heldOut: split.test.length };
}

/**
 * A set packed by importSplit as its two parts, views of its buffers (nothing is copied or moved): the
 * last `heldOut` images are the test part; none means no test part.
 */
export function splitAtHeldOut(set: ImageSet, heldOut: number): { train: ImageSet; test: ImageSet | null } {
  if (!Number.isInteger(heldOut) || heldOut < 0 || heldOut >= set.count) {
    throw new RangeError(`${heldOut} held-out images of ${set.count}: the training part would be empty.`);
  }
  if (heldOut === 0) return { train: set, test: null };
  const cut = set.count - heldOut;
  if (isStored(set.pixels)) {
    const indices = Int32Array.from({ length: set.count }, (_, i) => i);
    return { train: pickImages(set, indices.subarray(0, cut)), test: pickImages(set, indices.subarray(cut)) };
  }
  const pixels = set.pixels;
  const bytes = imageBytes(set);
  const part = (from: number, to: number): ImageSet => ({
    ...set,
    pixels: pixels.subarray(from * bytes, to * bytes),
    count: to - from,
    labels: set.labels ? set.labels.subarray(from, to) : null,
    names: set.names?.slice(from, to),
  });
  return { train: part(0, cut), test: part(cut, set.count) };
}

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
  // A stored set is split by its slots: nothing read, nothing copied.
  const part = isStored(set.pixels) ? pickImages : subsetImages;
  if (split.test.length === 0) return { train: part(set, split.train), test: null };
  if (inPlace && !isStored(set.pixels)) return splitInPlace({ ...set, pixels: set.pixels }, split);
  return { train: part(set, split.train), test: part(set, split.test) };
}

/**
 * The training images moved to the front of set.pixels in their order, the test images after them.
 * split.train is ascending, so each training image moves forward onto a slot whose own image has moved
 * already or is a test image, copied out first.
 */
function splitInPlace(
  set: ImageSet & { pixels: Uint8Array },
  split: TrainTestSplit,
): { train: ImageSet; test: ImageSet } {
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
