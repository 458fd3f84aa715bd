import * as tf from '@tensorflow/tfjs';
import { checkLabelled, mapRowBlocks, rowsTensor, unitRows, type LabelledFeatures } from './featureRows';
import { throwIfStopped, type StopCheck } from './stopCheck';

/** Temperature of the vote weights exp(similarity / T), the value used by InstDisc and DINO. */
const VOTE_TEMPERATURE = 0.07;
/** Test rows scored per matMul, bounding the [rows, N] similarity block held at once. */
const QUERY_BLOCK = 256;

/** Neighbours that vote, as in the kNN monitors of the self-supervised literature. */
export const KNN_NEIGHBOURS = 20;

/**
 * Weighted k-nearest-neighbour classification accuracy on the test split (InstDisc/DINO protocol):
 * cosine similarity to every train row, the k most similar vote with weight exp(similarity / 0.07), and
 * the class with the largest total wins. Equal totals go to the lower class index.
 */
export async function knnAccuracy(
  train: LabelledFeatures,
  test: LabelledFeatures,
  dim: number,
  numClasses: number,
  k = KNN_NEIGHBOURS,
  stop?: StopCheck,
): Promise<number> {
  const trainCount = checkLabelled(train, dim, numClasses);
  const testCount = checkLabelled(test, dim, numClasses);
  if (trainCount === 0) throw new RangeError('knnAccuracy needs at least one training row');
  if (testCount === 0) return NaN;
  const neighbours = Math.min(Math.max(1, Math.floor(k)), trainCount);
  // Unit-length rows made a block at a time: made whole, normalised and transposed in one tidy, the bank
  // held three [N, D] tensors at once (a raw-pixel bank at 64 px in colour is 25 MB, and the WASM heap
  // keeps the size of its peak; docs/benchmarks.md, round 17). Each row is computed as before, to the bit.
  const bank = mapRowBlocks(train.features, dim, 0, trainCount, unitRows); // [N, D]
  let correct = 0;
  try {
    for (let start = 0; start < testCount; start += QUERY_BLOCK) {
      await throwIfStopped(stop);
      const rows = Math.min(QUERY_BLOCK, testCount - start);
      const { values, indices } = tf.tidy(() => {
        const queries = unitRows(rowsTensor(test.features, dim, start, rows)); // [rows, D]
        // The bank is the left operand: XNNPACK keeps a packed copy of the right one (the small queries).
        // Transposed by hand: tfjs-wasm multiplies with transposeB on a plain loop, 10× slower.
        const scores = tf.matMul(bank, queries.transpose()).transpose(); // [N, rows] → [rows, N]
        return tf.topk(scores, neighbours); // [rows, k]
      });
      const [similarities, neighbourIndices] = await Promise.all([values.data(), indices.data()]);
      tf.dispose([values, indices]);
      for (let row = 0; row < rows; row++) {
        const span = row * neighbours;
        const votes = new Float64Array(numClasses);
        for (let j = span; j < span + neighbours; j++) {
          votes[train.labels[neighbourIndices[j]]] += Math.exp(similarities[j] / VOTE_TEMPERATURE);
        }
        if (argMax(votes) === test.labels[start + row]) correct++;
      }
    }
  } finally {
    bank.dispose();
  }
  return correct / testCount;
}

/** Index of the largest value; the first one on ties. */
function argMax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
