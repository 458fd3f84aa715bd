import { seededSubset, subsetImages, type ImageSet } from '../../cpc/data/imageSet';
import { trainTestSplit } from '../../cpc/data/split';
import { compareWithRandomInit, PROBE_TRAIN_LIMIT, probePixels, type ProbeScores } from '../../cpc/eval';
import type { CpcModel } from '../../cpc/model/cpcModel';
import { IMAGE_FEATURES, type ImageFeature } from '../../cpc/model/imageFeatures';
import type { Rng } from '../../cpc/random';
import type { ProbeOutcome } from './messages';

/** Cap on the held-out images each probe scores (the train cap is PROBE_TRAIN_LIMIT). */
export const PROBE_TEST_LIMIT = 1000;
/** Share of the training images held out when the dataset has no test split. */
const FALLBACK_TEST_FRACTION = 0.2;

export interface ProbeSets {
  train: ImageSet;
  test: ImageSet;
  testSource: 'held-out' | 'training-split';
}

/**
 * The labelled images a run's probes use, drawn once so that probes at different steps are comparable;
 * or the reason there can be no probe, in words for the page.
 */
export function chooseProbeSets(train: ImageSet, test: ImageSet | null, rng: Rng): ProbeSets | string {
  if (!train.labels) {
    return 'These images have no labels, so a probe has nothing to predict. Neighbours and the map still show what the encoder learned.';
  }
  if (test && !test.labels) return 'The test images have no labels, so a probe cannot be scored.';
  if (train.classNames.length < 2) return 'A probe needs at least two classes; this dataset has one.';
  if (test && test.count > 0) {
    return {
      train: seededSubset(train, PROBE_TRAIN_LIMIT, rng),
      test: seededSubset(test, PROBE_TEST_LIMIT, rng),
      testSource: 'held-out',
    };
  }
  const split = trainTestSplit(train.count, train.labels, FALLBACK_TEST_FRACTION, rng);
  if (split.test.length === 0) return 'Too few labelled images to hold any out for scoring a probe.';
  return {
    train: seededSubset(subsetImages(train, split.train), PROBE_TRAIN_LIMIT, rng),
    test: seededSubset(subsetImages(train, split.test), PROBE_TEST_LIMIT, rng),
    testSource: 'training-split',
  };
}

export interface ProbeRequest {
  /** The headline feature. */
  feature: ImageFeature;
  /** Probe every other image feature too. */
  allFeatures: boolean;
  /** These sets' raw-pixel scores from an earlier probe (they never change), or null to compute them. */
  pixels: ProbeScores | null;
}

/**
 * Linear probe and kNN on the model's frozen features, beside the same probes on a random-init encoder
 * and on raw pixels.
 */
export async function runProbe(
  model: CpcModel,
  sets: ProbeSets | string,
  request: ProbeRequest,
  now: () => number,
): Promise<ProbeOutcome> {
  if (typeof sets === 'string') return { available: false, reason: sets };
  const started = now();
  const { feature, cpc, randomInit, features } = await compareWithRandomInit(model, sets.train, sets.test, {
    feature: request.feature,
    features: request.allFeatures ? IMAGE_FEATURES : [],
    pixels: false,
  });
  const pixels = request.pixels ?? (await probePixels(sets.train, sets.test));
  return {
    available: true,
    feature,
    cpc,
    randomInit,
    pixels,
    features,
    trainImages: sets.train.count,
    testImages: sets.test.count,
    testSource: sets.testSource,
    durationMs: now() - started,
  };
}
