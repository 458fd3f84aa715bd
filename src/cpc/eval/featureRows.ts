import * as tf from '@tensorflow/tfjs';

/** Embeddings of labelled items: features laid out [N, D], labels [N] in 0..numClasses-1. */
export interface LabelledFeatures {
  features: Float32Array;
  labels: Int32Array;
}

/** Number of rows of a flat [N, D] feature array; throws when the length is not a multiple of D. */
export function rowCount(features: Float32Array, dim: number): number {
  if (!(Number.isInteger(dim) && dim > 0) || features.length % dim !== 0) {
    throw new RangeError(`features of length ${features.length} are not [N, ${dim}]`);
  }
  return features.length / dim;
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

/** Copies the chosen rows (and their labels) out of a labelled [N, D] set. */
export function selectRows(set: LabelledFeatures, dim: number, indices: Int32Array): LabelledFeatures {
  const features = new Float32Array(indices.length * dim);
  const labels = new Int32Array(indices.length);
  indices.forEach((source, i) => {
    features.set(set.features.subarray(source * dim, (source + 1) * dim), i * dim);
    labels[i] = set.labels[source];
  });
  return { features, labels };
}

/**
 * Scales each row to unit L2 norm, so dot products are cosine similarities. The floor keeps an all-zero
 * row at zero (similarity 0 to everything) instead of NaN; the backend's epsilon survives float16 textures.
 */
export function unitRows(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => x.div(tf.maximum(tf.norm(x, 'euclidean', 1, true), tf.backend().epsilon()))); // [N, D]
}
