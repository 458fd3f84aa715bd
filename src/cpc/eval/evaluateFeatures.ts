import type { TrainTestSplit } from '../data/split';
import { checkLabelled, selectRows } from './featureRows';
import { knnAccuracy } from './knn';
import { linearProbe } from './linearProbe';

export interface FeatureEvaluation {
  /** Linear-probe test accuracy, a fraction. */
  linear: number;
  /** Weighted kNN (k = 20) test accuracy, a fraction. */
  knn: number;
}

/**
 * The two standard frozen-feature scores for one embedding of a labelled set. Returns null for an
 * unlabelled set, where only retrieval and the PCA map apply.
 */
export async function evaluateFeatures(
  features: Float32Array,
  dim: number,
  labels: Int32Array | null,
  numClasses: number,
  split: TrainTestSplit,
): Promise<FeatureEvaluation | null> {
  if (!labels) return null;
  const all = { features, labels };
  checkLabelled(all, dim, numClasses);
  const train = selectRows(all, dim, split.train);
  const test = selectRows(all, dim, split.test);
  const probe = await linearProbe(train, test, dim, numClasses);
  return { linear: probe.testAccuracy, knn: await knnAccuracy(train, test, dim, numClasses) };
}
