import * as tf from '@tensorflow/tfjs';
import { rowCount, unitRows } from './featureRows';

export interface Neighbours {
  /** Row indices, most similar first. */
  indices: Int32Array;
  /** Cosine similarities, descending. */
  scores: Float32Array;
}

/**
 * The k rows most cosine-similar to a query, which is either a row index or a vector of length D.
 * With a row index the row itself is left out unless `excludeSelf` is false.
 */
export async function nearestNeighbours(
  features: Float32Array,
  dim: number,
  query: number | Float32Array,
  k: number,
  options: { excludeSelf?: boolean } = {},
): Promise<Neighbours> {
  const count = rowCount(features, dim);
  const queryVector = typeof query === 'number' ? rowOf(features, dim, count, query) : query;
  if (queryVector.length !== dim)
    throw new RangeError(`query has length ${queryVector.length}, expected ${dim}`);
  const excluded = typeof query === 'number' && (options.excludeSelf ?? true) ? query : null;
  const available = excluded === null ? count : count - 1;
  const neighbours = Math.min(Math.max(0, Math.floor(k)), available);
  if (neighbours === 0) return { indices: new Int32Array(0), scores: new Float32Array(0) };

  const { values, indices } = tf.tidy(() => {
    const bank = unitRows(tf.tensor2d(features, [count, dim])); // [N, D]
    const direction = unitRows(tf.tensor2d(queryVector, [1, dim])).reshape([dim, 1]); // [D, 1]
    const similarities = bank.matMul(direction).reshape([count]); // [N]
    if (excluded === null) return tf.topk(similarities, neighbours);
    // Cosines are ≥ −1, so −3 puts the query's own row below every other.
    const selfMask = tf.oneHot(tf.tensor1d([excluded], 'int32'), count).reshape([count]); // [N]
    return tf.topk(similarities.sub(selfMask.mul(3)), neighbours); // [k]
  });
  const [scores, order] = await Promise.all([values.data(), indices.data()]);
  tf.dispose([values, indices]);
  return { indices: Int32Array.from(order), scores: Float32Array.from(scores) };
}

/** Fraction of the retrieved neighbours that share the query's label; 0 when nothing was retrieved. */
export function precisionAtK(neighbourLabels: ArrayLike<number>, queryLabel: number): number {
  if (neighbourLabels.length === 0) return 0;
  let matches = 0;
  for (let i = 0; i < neighbourLabels.length; i++) if (neighbourLabels[i] === queryLabel) matches++;
  return matches / neighbourLabels.length;
}

function rowOf(features: Float32Array, dim: number, count: number, index: number): Float32Array {
  if (!(Number.isInteger(index) && index >= 0 && index < count)) {
    throw new RangeError(`query index ${index} is outside 0..${count - 1}`);
  }
  return features.subarray(index * dim, (index + 1) * dim);
}
