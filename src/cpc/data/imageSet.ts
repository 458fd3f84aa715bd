import { permutation, type Rng } from '../random';

/**
 * A set of square training images held compactly as bytes. Built-in datasets, imported folders and the
 * synthetic set all arrive in this form; batches are cut from it on the fly.
 */
export interface ImageSet {
  /**
   * Bytes 0..255, laid out [count, size, size, channels], row-major; or, for a large import, a file those
   * bytes were written to (StoredPixels). Read an image with imageAt, which serves both.
   */
  pixels: Uint8Array | StoredPixels;
  count: number;
  /** Side in pixels. */
  size: number;
  channels: 1 | 3;
  /** Class index per image, or null for an unlabelled set (probes then do not apply). */
  labels: Int32Array | null;
  /** Class names, indexed by label. Empty when unlabelled. */
  classNames: string[];
  /** Optional per-image names (file names for imported folders). */
  names?: string[];
}

/**
 * A set's pixels kept out of memory: a large import written to a file of the origin-private file system
 * (datasets/browser/storedImports.ts), one image after another in the order they were decoded. Image `i` of
 * the set is the file's image `slots[i]`, so a split or subset is new slots, not a copy. Plain data that
 * crosses postMessage; a worker that opens the file for reading adds `read`.
 */
export interface StoredPixels {
  /** The file's name in the import folder of the origin-private file system. */
  readonly file: string;
  /** [count]: where each image of the set is in the file, in images. */
  readonly slots: Int32Array;
  /** Bytes of the set, as a buffer's length would be. */
  readonly length: number;
  /** Copies the file's image `slot` into `out` (out.length bytes each); only where the file is open. */
  readonly read?: (slot: number, out: Uint8Array) => void;
}

export function isStored(pixels: Uint8Array | StoredPixels): pixels is StoredPixels {
  return 'slots' in pixels;
}

/**
 * Image `i` of the set: a view of its bytes when they are in memory (`out` untouched), else read from its
 * file into `out` (a new buffer without one). A view must not be kept past a change to the set.
 */
export function imageAt(set: ImageSet, i: number, out?: Uint8Array): Uint8Array {
  const bytes = imageBytes(set);
  const { pixels } = set;
  if (!isStored(pixels)) return pixels.subarray(i * bytes, (i + 1) * bytes);
  if (!(i >= 0 && i < pixels.slots.length)) throw new RangeError(`image ${i} of ${pixels.slots.length}`);
  if (!pixels.read) throw new Error(`The images are in the file ${pixels.file}, which is not open here.`);
  const image = out ?? new Uint8Array(bytes);
  pixels.read(pixels.slots[i], image);
  return image;
}

/** The set with its pixels in memory: itself, or its images read from their file into one buffer. */
export function inMemory(set: ImageSet): ImageSet & { pixels: Uint8Array } {
  const { pixels } = set;
  if (!isStored(pixels)) return { ...set, pixels };
  return subsetImages(
    set,
    Int32Array.from({ length: set.count }, (_, i) => i),
  );
}

/**
 * Some of the set's images, in the given order, without reading them: new slots of a stored set, or a
 * copy of the chosen images of one in memory (subsetImages).
 */
export function pickImages(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const { pixels } = set;
  if (!isStored(pixels)) return subsetImages(set, indices);
  const slots = Int32Array.from(indices, (i) => {
    if (!(i >= 0 && i < pixels.slots.length)) throw new RangeError(`image ${i} of ${pixels.slots.length}`);
    return pixels.slots[i];
  });
  const stored: StoredPixels = { ...pixels, slots, length: slots.length * imageBytes(set) };
  return { ...set, pixels: stored, count: indices.length, ...pickedLabels(set, indices) };
}

function pickedLabels(set: ImageSet, indices: ArrayLike<number>): Pick<ImageSet, 'labels' | 'names'> {
  const { labels, names } = set;
  return {
    labels: labels ? Int32Array.from(indices, (i) => labels[i]) : null,
    names: names ? Array.from(indices, (i) => names[i]) : undefined,
  };
}

/**
 * Some of a set's images by index, in that order (all of them when `indices` is null), without copying
 * their pixels: a probe's 3,000 images at 64 px in colour are 37 MB.
 */
export interface ImagePick {
  set: ImageSet;
  indices: Int32Array | null;
}

/** `images` as a pick: itself, or all of a set. */
export function pickOf(images: ImageSet | ImagePick): ImagePick {
  return 'set' in images ? images : { set: images, indices: null };
}

export function pickCount({ set, indices }: ImagePick): number {
  return indices ? indices.length : set.count;
}

/** The picked images' labels, in the pick's order; null for an unlabelled set. */
export function pickLabels({ set, indices }: ImagePick): Int32Array | null {
  const labels = set.labels;
  if (!labels || !indices) return labels;
  return Int32Array.from(indices, (i) => labels[i]);
}

export function imageBytes(set: Pick<ImageSet, 'size' | 'channels'>): number {
  return set.size * set.size * set.channels;
}

/** A subset of images in memory, whatever holds the set (copying the pixels of the chosen indices). */
export function subsetImages(set: ImageSet, indices: ArrayLike<number>): ImageSet & { pixels: Uint8Array } {
  const bytes = imageBytes(set);
  const pixels = new Uint8Array(indices.length * bytes);
  for (let i = 0; i < indices.length; i++) {
    const slot = pixels.subarray(i * bytes, (i + 1) * bytes);
    const image = imageAt(set, indices[i], slot); // read into the slot when stored, else a view
    if (image !== slot) slot.set(image);
  }
  return { ...set, pixels, count: indices.length, ...pickedLabels(set, indices) };
}

/** Converts between grayscale and RGB (luma weights of ITU-R BT.601). */
export function withChannels(set: ImageSet, channels: 1 | 3): ImageSet {
  if (set.channels === channels) return set;
  const n = set.count * set.size * set.size;
  const out = new Uint8Array(n * channels);
  const p = inMemory(set).pixels;
  if (channels === 3) {
    for (let i = 0; i < n; i++) out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = p[i];
  } else {
    for (let i = 0; i < n; i++)
      out[i] = Math.round(0.299 * p[3 * i] + 0.587 * p[3 * i + 1] + 0.114 * p[3 * i + 2]);
  }
  return { ...set, pixels: out, channels };
}

/** Up to `limit` images drawn without replacement, kept in their original order, in memory. */
export function seededSubset(set: ImageSet, limit: number, rng: Rng): ImageSet {
  const chosen = seededIndices(set.count, limit, rng);
  return chosen ? subsetImages(set, chosen) : inMemory(set);
}

/** The indices seededSubset keeps, ascending; null when it keeps all `count` (and draws nothing). */
export function seededIndices(count: number, limit: number, rng: Rng): Int32Array | null {
  if (count <= limit) return null;
  return permutation(count, rng)
    .subarray(0, limit)
    .sort((a, b) => a - b);
}
