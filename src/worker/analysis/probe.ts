import { pickCount, seededIndices, type ImagePick, type ImageSet } from '../../cpc/data/imageSet';
import { trainTestSplit } from '../../cpc/data/split';
import {
  PROBE_TRAIN_LIMIT,
  probeModel,
  probePixels,
  throwIfStopped,
  type FeatureComparison,
  type ProbeScores,
  type StopCheck,
} from '../../cpc/eval';
import { CpcModel } from '../../cpc/model/cpcModel';
import { IMAGE_FEATURES, type ImageFeature } from '../../cpc/model/imageFeatures';
import type { Rng } from '../../cpc/random';
import type { ProbeOutcome } from './messages';

/** Cap on the held-out images each probe scores (the train cap is PROBE_TRAIN_LIMIT). */
export const PROBE_TEST_LIMIT = 1000;
/** Share of the training images held out when the dataset has no test split. */
const FALLBACK_TEST_FRACTION = 0.2;

/**
 * The images a probe uses, by index into a run's set (null: all of it). A run keeps these between probes,
 * and a probe reads the pixels from the run's set: 3,000 images of 64 px in colour are 37 MB, which a copy
 * held while the probe ran (docs/benchmarks.md, round 13).
 */
export interface ProbeSets {
  train: ImagePick;
  test: ImagePick;
  testSource: 'held-out' | 'training-split';
}

/** Up to `limit` of `indices` (all of `set` when null), drawn as seededSubset draws. */
function draw(set: ImageSet, indices: Int32Array | null, limit: number, rng: Rng): ImagePick {
  const chosen = seededIndices(pickCount({ set, indices }), limit, rng);
  if (!chosen) return { set, indices };
  return { set, indices: indices ? chosen.map((i) => indices[i]) : chosen };
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
      train: draw(train, null, PROBE_TRAIN_LIMIT, rng),
      test: draw(test, null, PROBE_TEST_LIMIT, rng),
      testSource: 'held-out',
    };
  }
  const split = trainTestSplit(train.count, train.labels, FALLBACK_TEST_FRACTION, rng);
  if (split.test.length === 0) return 'Too few labelled images to hold any out for scoring a probe.';
  return {
    train: draw(train, split.train, PROBE_TRAIN_LIMIT, rng),
    test: draw(train, split.test, PROBE_TEST_LIMIT, rng),
    testSource: 'training-split',
  };
}

/** Random-init scores by feature: a fresh encoder of a run's config is the same on every probe. */
export type RandomInitScores = Partial<Record<ImageFeature, ProbeScores>>;

export interface ProbeRequest {
  /** The headline feature. */
  feature: ImageFeature;
  /** Probe every other image feature too. */
  allFeatures: boolean;
  /** These sets' raw-pixel scores from an earlier probe (they never change), or null to compute them. */
  pixels: ProbeScores | null;
  /** This run's random-init scores from earlier probes; only the features missing here are computed. */
  randomInit: RandomInitScores;
  /**
   * The model has not trained yet (step 0). It is then its own random init (a fresh model of the same
   * config and seed has the same weights), so it is probed once and its scores serve as both.
   */
  untrained: boolean;
  /** Asked between batches; true stops the probe with EvaluationStopped (an automatic probe the user overtook). */
  stop?: StopCheck;
}

/**
 * Linear probe and kNN on the model's frozen features, beside the same probes on a random-init encoder
 * and on raw pixels. The baselines are computed once per run and reused: they do not change as it trains.
 */
export async function runProbe(
  model: CpcModel,
  sets: ProbeSets | string,
  request: ProbeRequest,
  now: () => number,
): Promise<ProbeOutcome> {
  if (typeof sets === 'string') return { available: false, reason: sets };
  const started = now();
  const probed = [...new Set([request.feature, ...(request.allFeatures ? IMAGE_FEATURES : [])])];
  const cpc = await probeModel(model, sets.train, sets.test, probed, request.stop);
  const randomInit = request.untrained
    ? cpc
    : await randomInitScores(model, sets, probed, request.randomInit, request.stop);
  await throwIfStopped(request.stop);
  const pixels = request.pixels ?? (await probePixels(sets.train, sets.test, request.stop));
  const features: Partial<Record<ImageFeature, FeatureComparison>> = {};
  for (const f of probed) features[f] = { cpc: cpc.get(f)!, randomInit: randomInit.get(f)! };
  return {
    available: true,
    feature: request.feature,
    cpc: cpc.get(request.feature)!,
    randomInit: randomInit.get(request.feature)!,
    pixels,
    features,
    trainImages: pickCount(sets.train),
    testImages: pickCount(sets.test),
    testSource: sets.testSource,
    durationMs: now() - started,
  };
}

/** The cached random-init scores of `features`, probing a fresh model of the same config for the rest. */
async function randomInitScores(
  model: CpcModel,
  sets: { train: ImagePick; test: ImagePick },
  features: readonly ImageFeature[],
  cached: RandomInitScores,
  stop: StopCheck | undefined,
): Promise<Map<ImageFeature, ProbeScores>> {
  const scores = new Map<ImageFeature, ProbeScores>();
  for (const f of features) if (cached[f]) scores.set(f, cached[f]);
  const missing = features.filter((f) => !scores.has(f));
  if (missing.length === 0) return scores;
  const fresh = new CpcModel(model.config);
  try {
    const probed = await probeModel(fresh, sets.train, sets.test, missing, stop);
    for (const [f, s] of probed) scores.set(f, s);
  } finally {
    fresh.dispose();
  }
  return scores;
}
