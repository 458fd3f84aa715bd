import { pickLabels, pickOf, type ImagePick, type ImageSet } from '../data/imageSet';
import { CpcModel } from '../model/cpcModel';
import {
  DEFAULT_IMAGE_FEATURE,
  embedImageFeatures,
  imageFeatureDim,
  type ImageFeature,
} from '../model/imageFeatures';
import { withCalibratedBatchNorm } from './calibrateBatchNorm';
import type { LabelledFeatures } from './featureRows';
import { linearProbe } from './linearProbe';
import { pixelFeatureRows } from './pixelFeatures';
import { KNN_NEIGHBOURS, knnAccuracy } from './knn';
import { throwIfStopped, type StopCheck } from './stopCheck';

/** Training images a probe embeds at most (twice: CPC and random init), so a probe takes seconds. */
export const PROBE_TRAIN_LIMIT = 2000;

export interface ProbeScores {
  /** Test accuracy of multinomial logistic regression on frozen embeddings. */
  linear: number;
  /** Test accuracy of the cosine kNN classifier. */
  knn: number;
}

/** One feature's probes on the trained encoder and on a random-init encoder of the same config. */
export interface FeatureComparison {
  cpc: ProbeScores;
  randomInit: ProbeScores;
}

/**
 * The measure of CPC's success: probes on its features beside the same probes on a random-init encoder
 * and on raw pixels, all on the same images. `cpc` and `randomInit` are the scores of `feature`.
 */
export interface ProbeComparison extends FeatureComparison {
  feature: ImageFeature;
  /** The same probes on raw pixels; null when not asked for. */
  pixels: ProbeScores | null;
  /** Every probed feature's scores, `feature` included. */
  features: Partial<Record<ImageFeature, FeatureComparison>>;
}

export interface ProbeOptions {
  /** The headline feature (default DEFAULT_IMAGE_FEATURE). */
  feature?: ImageFeature;
  /** More features to probe beside it. */
  features?: readonly ImageFeature[];
  /** Probe raw pixels too (default true). Callers that probe the same images again may cache it. */
  pixels?: boolean;
}

/**
 * Probes the trained model and a freshly initialised model of the same config (same seed, so the
 * baseline is exactly where training started), and raw pixels. Both sets need labels.
 */
export async function compareWithRandomInit(
  model: CpcModel,
  train: ImageSet,
  test: ImageSet,
  options: ProbeOptions = {},
): Promise<ProbeComparison> {
  const feature = options.feature ?? DEFAULT_IMAGE_FEATURE;
  const features = [...new Set([feature, ...(options.features ?? [])])];
  const fresh = new CpcModel(model.config);
  try {
    const cpc = await probeModel(model, train, test, features);
    const randomInit = await probeModel(fresh, train, test, features);
    const perFeature: ProbeComparison['features'] = {};
    for (const f of features) perFeature[f] = { cpc: cpc.get(f)!, randomInit: randomInit.get(f)! };
    return {
      cpc: cpc.get(feature)!,
      randomInit: randomInit.get(feature)!,
      feature,
      pixels: options.pixels === false ? null : await probePixels(train, test),
      features: perFeature,
    };
  } finally {
    fresh.dispose();
  }
}

/** Linear probe and kNN on each feature of one model, batch norm re-estimated on the train images first. */
export async function probeModel(
  model: CpcModel,
  trainImages: ImageSet | ImagePick,
  testImages: ImageSet | ImagePick,
  features: readonly ImageFeature[],
  stop?: StopCheck,
): Promise<Map<ImageFeature, ProbeScores>> {
  const [train, test] = [pickOf(trainImages), pickOf(testImages)];
  const [trainLabels, testLabels, numClasses] = labelsOf(train, test);
  const rows = ({ set, indices }: ImagePick) =>
    embedImageFeatures(model, set, features, indices ?? undefined, stop);
  return withCalibratedBatchNorm(model, train, async () => {
    const trainRows = await rows(train);
    const testRows = await rows(test);
    await throwIfStopped(stop);
    const out = new Map<ImageFeature, ProbeScores>();
    for (const f of features) {
      const dim = imageFeatureDim(model, f);
      const trainSet = { features: trainRows.get(f)!, labels: trainLabels };
      const testSet = { features: testRows.get(f)!, labels: testLabels };
      out.set(f, await scoreFeatures(trainSet, testSet, dim, numClasses, stop));
    }
    return out;
  });
}

/** The raw-pixel baseline: the same linear probe and kNN on the images' pixels. */
export async function probePixels(
  trainImages: ImageSet | ImagePick,
  testImages: ImageSet | ImagePick,
  stop?: StopCheck,
): Promise<ProbeScores> {
  const [train, test] = [pickOf(trainImages), pickOf(testImages)];
  const [trainLabels, testLabels, numClasses] = labelsOf(train, test);
  // Rows made when a probe asks for them: the linear probe and the kNN each pass over the images once.
  const trainPixels = pixelFeatureRows(train);
  return scoreFeatures(
    { features: trainPixels, labels: trainLabels },
    { features: pixelFeatureRows(test), labels: testLabels },
    trainPixels.dim,
    numClasses,
    stop,
  );
}

async function scoreFeatures(
  train: LabelledFeatures,
  test: LabelledFeatures,
  dim: number,
  numClasses: number,
  stop?: StopCheck,
): Promise<ProbeScores> {
  const linear = await linearProbe(train, test, dim, numClasses, { stop });
  const knn = await knnAccuracy(train, test, dim, numClasses, KNN_NEIGHBOURS, stop);
  return { linear: linear.testAccuracy, knn };
}

function labelsOf(train: ImagePick, test: ImagePick): [Int32Array, Int32Array, number] {
  const [trainLabels, testLabels] = [pickLabels(train), pickLabels(test)];
  if (!trainLabels || !testLabels) throw new Error('Probes need labelled train and test sets.');
  return [trainLabels, testLabels, Math.max(train.set.classNames.length, 1)];
}
