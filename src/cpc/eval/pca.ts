import * as tf from '@tensorflow/tfjs';
import { rowCount } from './featureRows';
import { topEigenvectors } from './topEigenvectors';

export interface PcaMap {
  /** Each row's coordinates on the first two principal components, laid out [N, 2]. */
  points: Float32Array;
  /** Fraction of the total variance along each component (0 when the points have no variance). */
  explainedVariance: [number, number];
}

/**
 * Projects [N, D] features onto their top two principal components, for a 2-D map of the embedding.
 * The covariance is formed with tfjs and diagonalised in JS; each component's sign is fixed so its
 * largest-magnitude entry is positive, so the map does not flip between identical calls or backends.
 */
export async function pca2d(features: Float32Array, dim: number): Promise<PcaMap> {
  const count = rowCount(features, dim);
  if (count === 0) throw new RangeError('pca2d needs at least one row');
  const centred = tf.tidy(() => {
    const x = tf.tensor2d(features, [count, dim]); // [N, D]
    return x.sub(x.mean(0, true)); // [N, D]
  });
  try {
    const covarianceTensor = tf.tidy(
      () =>
        tf
          .transpose(centred)
          .matMul(centred)
          .div(Math.max(count - 1, 1)), // [D, D]
    );
    const covariance = await covarianceTensor.data();
    covarianceTensor.dispose();

    const components = topEigenvectors(covariance, dim, 2).map(({ value, vector }) => ({
      value: Math.max(value, 0),
      vector: withFixedSign(vector),
    }));
    let totalVariance = 0;
    for (let i = 0; i < dim; i++) totalVariance += covariance[i * dim + i];
    const ratio = (i: number) => (totalVariance > 0 ? components[i].value / totalVariance : 0);

    const basis = new Float32Array(dim * 2); // [D, 2] row-major
    for (let i = 0; i < dim; i++) {
      basis[2 * i] = components[0].vector[i];
      basis[2 * i + 1] = components[1].vector[i];
    }
    const projected = tf.tidy(() => centred.matMul(tf.tensor2d(basis, [dim, 2]))); // [N, 2]
    const points = Float32Array.from(await projected.data());
    projected.dispose();
    return { points, explainedVariance: [ratio(0), ratio(1)] };
  } finally {
    centred.dispose();
  }
}

/** An eigenvector's sign is arbitrary; choose the one whose largest-magnitude entry (first on ties) is positive. */
function withFixedSign(vector: Float64Array): Float64Array {
  let largest = 0;
  for (let i = 1; i < vector.length; i++) if (Math.abs(vector[i]) > Math.abs(vector[largest])) largest = i;
  return vector[largest] < 0 ? vector.map((x) => -x) : vector;
}
