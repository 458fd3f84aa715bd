import * as tf from '@tensorflow/tfjs';

/**
 * Rows [N, D] made a block at a time when asked, for features that are cheap to compute again but large
 * to hold beside their tensors: a raw-pixel probe's 3,000 images at 64 px in colour are 37 MB of floats.
 */
export interface RowBlocks {
  readonly count: number;
  /** Rows start..start+rows, [rows, D] row-major. */
  block(start: number, rows: number): Float32Array;
}

/** Feature rows [N, D]: one flat array, or blocks made on request. */
export type FeatureRows = Float32Array | RowBlocks;

/** Embeddings of labelled items: features laid out [N, D], labels [N] in 0..numClasses-1. */
export interface LabelledFeatures {
  features: FeatureRows;
  labels: Int32Array;
}

/** Rows a tensor is built from per block, when they come as RowBlocks: 256 × 3,072 floats is 3 MB. */
export const ROW_BLOCK = 256;

/** Number of rows of [N, D] features; throws when a flat array's length is not a multiple of D. */
export function rowCount(features: FeatureRows, dim: number): number {
  if (!(Number.isInteger(dim) && dim > 0)) throw new RangeError(`feature dimension ${dim}`);
  if (!(features instanceof Float32Array)) return features.count;
  if (features.length % dim !== 0) {
    throw new RangeError(`features of length ${features.length} are not [N, ${dim}]`);
  }
  return features.length / dim;
}

/**
 * Rows start..start+rows of the features as one tensor [rows, D] (all of them by default). Blocks are
 * made ROW_BLOCK rows at a time and concatenated, so no array of all the rows is ever held.
 */
export function rowsTensor(
  features: FeatureRows,
  dim: number,
  start = 0,
  rows = rowCount(features, dim) - start,
): tf.Tensor2D {
  if (features instanceof Float32Array) {
    return tf.tensor2d(features.subarray(start * dim, (start + rows) * dim), [rows, dim]);
  }
  return mapRowBlocks(features, dim, start, rows, (block) => block);
}

/**
 * Rows start..start+rows as one tensor [rows, D'], each block of at most ROW_BLOCK rows made and passed
 * through `each` (in a tidy, which frees its temporaries) before the next: the heap holds the blocks and
 * their concatenation at most, never a whole-rows tensor beside its transform.
 */
export function mapRowBlocks(
  features: FeatureRows,
  dim: number,
  start: number,
  rows: number,
  each: (block: tf.Tensor2D) => tf.Tensor2D,
): tf.Tensor2D {
  const block = (from: number, n: number) =>
    tf.tidy(() =>
      each(
        features instanceof Float32Array
          ? tf.tensor2d(features.subarray(from * dim, (from + n) * dim), [n, dim])
          : tf.tensor2d(features.block(from, n), [n, dim]),
      ),
    ); // [n, D']
  if (rows <= ROW_BLOCK) return block(start, rows);
  const parts: tf.Tensor2D[] = [];
  try {
    for (let from = start; from < start + rows; from += ROW_BLOCK)
      parts.push(block(from, Math.min(ROW_BLOCK, start + rows - from)));
    return tf.concat(parts, 0); // [rows, D']
  } finally {
    tf.dispose(parts);
  }
}

/** Checks that labels match the rows and lie in 0..numClasses-1; returns the row count. */
export function checkLabelled(set: LabelledFeatures, dim: number, numClasses: number): number {
  const n = rowCount(set.features, dim);
  if (set.labels.length !== n) throw new RangeError(`${set.labels.length} labels for ${n} feature rows`);
  if (set.labels.some((label) => label < 0 || label >= numClasses)) {
    throw new RangeError(`labels must lie in 0..${numClasses - 1}`);
  }
  return n;
}

/**
 * Scales each row to unit L2 norm, so dot products are cosine similarities. The floor keeps an all-zero
 * row at zero (similarity 0 to everything) instead of NaN; the backend's epsilon survives float16 textures.
 */
export function unitRows(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => x.div(tf.maximum(tf.norm(x, 'euclidean', 1, true), tf.backend().epsilon()))); // [N, D]
}
