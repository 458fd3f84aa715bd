import { permutation, type Rng } from '../random';

/**
 * A set of square training images held compactly as bytes. Built-in datasets, imported folders and the
 * synthetic set all arrive in this form; batches are cut from it on the fly.
 */
export interface ImageSet {
  /** Bytes 0..255, laid out [count, size, size, channels], row-major. */
  pixels: Uint8Array;
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

/** Returns a view of a subset of images (copying the pixels of the chosen indices). */
export function subsetImages(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const bytes = imageBytes(set);
  const pixels = new Uint8Array(indices.length * bytes);
  const labels = set.labels ? new Int32Array(indices.length) : null;
  const names = set.names ? ([] as string[]) : undefined;
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i];
    pixels.set(set.pixels.subarray(src * bytes, (src + 1) * bytes), i * bytes);
    if (labels && set.labels) labels[i] = set.labels[src];
    if (names && set.names) names.push(set.names[src]);
  }
  return { ...set, pixels, count: indices.length, labels, names };
}

/** Converts between grayscale and RGB (luma weights of ITU-R BT.601). */
export function withChannels(set: ImageSet, channels: 1 | 3): ImageSet {
  if (set.channels === channels) return set;
  const n = set.count * set.size * set.size;
  const out = new Uint8Array(n * channels);
  if (channels === 3) {
    for (let i = 0; i < n; i++) out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = set.pixels[i];
  } else {
    const p = set.pixels;
    for (let i = 0; i < n; i++)
      out[i] = Math.round(0.299 * p[3 * i] + 0.587 * p[3 * i + 1] + 0.114 * p[3 * i + 2]);
  }
  return { ...set, pixels: out, channels };
}

/** Up to `limit` images drawn without replacement, kept in their original order. */
export function seededSubset(set: ImageSet, limit: number, rng: Rng): ImageSet {
  const chosen = seededIndices(set.count, limit, rng);
  return chosen ? subsetImages(set, chosen) : set;
}

/** The indices seededSubset keeps, ascending; null when it keeps all `count` (and draws nothing). */
export function seededIndices(count: number, limit: number, rng: Rng): Int32Array | null {
  if (count <= limit) return null;
  return permutation(count, rng)
    .subarray(0, limit)
    .sort((a, b) => a - b);
}
