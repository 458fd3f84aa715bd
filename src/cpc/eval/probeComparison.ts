import type { ImageSet } from '../data/imageSet';
import { CpcModel } from '../model/cpcModel';
import { embedImages } from '../model/embed';
import { knnAccuracy } from './knn';
import { linearProbe } from './linearProbe';

/** Training images a probe embeds at most (twice: CPC and random init), so a probe takes seconds. */
export const PROBE_TRAIN_LIMIT = 2000;

export interface ProbeScores {
  /** Test accuracy of multinomial logistic regression on frozen embeddings. */
  linear: number;
  /** Test accuracy of the cosine kNN classifier. */
  knn: number;
}

/** The measure of CPC's success: probes on its features beside the same probes on a random-init encoder. */
export interface ProbeComparison {
  cpc: ProbeScores;
  randomInit: ProbeScores;
}

/**
 * Probes the trained model's embeddings and those of a freshly initialised model of the same config
 * (same seed, so the baseline is exactly where training started). Both sets need labels.
 */
export async function compareWithRandomInit(
  model: CpcModel,
  train: ImageSet,
  test: ImageSet,
): Promise<ProbeComparison> {
  const fresh = new CpcModel(model.config);
  try {
    return { cpc: await probeModel(model, train, test), randomInit: await probeModel(fresh, train, test) };
  } finally {
    fresh.dispose();
  }
}

export async function probeModel(model: CpcModel, train: ImageSet, test: ImageSet): Promise<ProbeScores> {
  if (!train.labels || !test.labels) throw new Error('Probes need labelled train and test sets.');
  const numClasses = Math.max(train.classNames.length, 1);
  const d = model.config.codeSize;
  const trainSet = { features: await embedImages(model, train), labels: train.labels };
  const testSet = { features: await embedImages(model, test), labels: test.labels };
  const linear = await linearProbe(trainSet, testSet, d, numClasses);
  const knn = await knnAccuracy(trainSet, testSet, d, numClasses);
  return { linear: linear.testAccuracy, knn };
}
