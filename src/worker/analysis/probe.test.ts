import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { generateSyntheticShapes } from '../../cpc/data/synthetic';
import { DEFAULT_IMAGE_FEATURE } from '../../cpc/model/imageFeatures';
import { createRng } from '../../cpc/random';
import { useCpuBackend } from '../../cpc/testing/tfTest';
import { tinyConfig } from '../../cpc/testing/tinyConfig';
import { CpcTrainer } from '../../cpc/train/trainer';
import { seededSubset, subsetImages, type ImagePick, type ImageSet } from '../../cpc/data/imageSet';
import { trainTestSplit } from '../../cpc/data/split';
import { PROBE_TRAIN_LIMIT } from '../../cpc/eval';
import { chooseProbeSets, PROBE_TEST_LIMIT, runProbe, type ProbeRequest } from './probe';
import { bytesOf } from '../../cpc/testing/bytesOf';

useCpuBackend();

const TRAIN = generateSyntheticShapes({ count: 36, size: 16, seed: 3, channels: 3 });
const TEST = generateSyntheticShapes({ count: 24, size: 16, seed: 4, channels: 3 });
const now = () => 0;

function request(change: Partial<ProbeRequest> = {}): ProbeRequest {
  return {
    feature: DEFAULT_IMAGE_FEATURE,
    allFeatures: false,
    pixels: null,
    randomInit: {},
    untrained: false,
    ...change,
  };
}

describe('runProbe', () => {
  it('reuses cached baselines and probes a fresh encoder only for features it has no score of', async () => {
    const trainer = new CpcTrainer(tinyConfig(), TRAIN);
    const sets = chooseProbeSets(TRAIN, TEST, createRng(1));
    await trainer.trainStep();
    const tensorsBefore = tf.memory().numTensors;
    // Scores no real probe of 24 test images can give: if they come back, the cache was used.
    const cached = { linear: 0.123, knn: 0.456 };
    const pixels = { linear: 0.789, knn: 0.321 };
    const reused = await runProbe(
      trainer.model,
      sets,
      request({ randomInit: { [DEFAULT_IMAGE_FEATURE]: cached }, pixels }),
      now,
    );
    if (!reused.available) throw new Error(reused.reason);
    expect(reused.randomInit).toBe(cached);
    expect(reused.pixels).toBe(pixels);

    const computed = await runProbe(trainer.model, sets, request(), now);
    if (!computed.available) throw new Error(computed.reason);
    expect(computed.cpc).toEqual(reused.cpc);
    expect(computed.randomInit).not.toEqual(cached);
    expect(computed.randomInit.linear * 24).toBeCloseTo(Math.round(computed.randomInit.linear * 24), 9);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    trainer.dispose();
  });

  it('at step 0 scores the untrained model once and uses it as its own random init', async () => {
    const trainer = new CpcTrainer(tinyConfig(), TRAIN);
    const sets = chooseProbeSets(TRAIN, TEST, createRng(1));
    const once = await runProbe(trainer.model, sets, request({ untrained: true }), now);
    const fresh = await runProbe(trainer.model, sets, request(), now);
    if (!once.available || !fresh.available) throw new Error('no probe');
    expect(once.randomInit).toBe(once.cpc);
    // The shortcut is exact: a fresh model of the same config and seed scores the same.
    expect(fresh.randomInit).toEqual(once.randomInit);
    trainer.dispose();
  });
});

describe('chooseProbeSets', () => {
  const big = generateSyntheticShapes({ count: 2600, size: 2, seed: 5, channels: 1 });
  const plain = (set: ImageSet) => [set.count, Array.from(bytesOf(set)), Array.from(set.labels ?? [])];
  const drawnImages = ({ set, indices }: ImagePick) => (indices ? subsetImages(set, indices) : set);

  it('keeps the drawn images by index, and they are the images a copied subset held', () => {
    const sets = chooseProbeSets(big, TEST, createRng(1));
    if (typeof sets === 'string') throw new Error(sets);
    expect(sets.train.set).toBe(big);
    expect(sets.train.indices).toHaveLength(PROBE_TRAIN_LIMIT);
    // 24 held-out images, under the limit: all of them, by reference.
    expect(sets.test).toEqual({ set: TEST, indices: null });
    expect(drawnImages(sets.test)).toBe(TEST);
    const rng = createRng(1);
    expect(plain(drawnImages(sets.train))).toEqual(plain(seededSubset(big, PROBE_TRAIN_LIMIT, rng)));
  });

  it('draws from a split of the training images, as a subset of a subset did, when there is no test set', () => {
    const sets = chooseProbeSets(big, null, createRng(2));
    if (typeof sets === 'string') throw new Error(sets);
    const rng = createRng(2);
    const split = trainTestSplit(big.count, big.labels, 0.2, rng);
    const train = seededSubset(subsetImages(big, split.train), PROBE_TRAIN_LIMIT, rng);
    const test = seededSubset(subsetImages(big, split.test), PROBE_TEST_LIMIT, rng);
    expect(plain(drawnImages(sets.train))).toEqual(plain(train));
    expect(plain(drawnImages(sets.test))).toEqual(plain(test));
    expect([sets.train.set, sets.test.set, sets.testSource]).toEqual([big, big, 'training-split']);
  });
});
