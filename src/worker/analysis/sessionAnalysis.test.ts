import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { CpcConfig } from '../../cpc/config';
import { imageBytes, type ImageSet } from '../../cpc/data/imageSet';
import { extractPatches } from '../../cpc/data/patches';
import { generateSyntheticShapes } from '../../cpc/data/synthetic';
import { embedImages } from '../../cpc/model/embed';
import { DEFAULT_IMAGE_FEATURE, IMAGE_FEATURES, imageFeatureDim } from '../../cpc/model/imageFeatures';
import { maxAbsDiff, useCpuBackend } from '../../cpc/testing/tfTest';
import { tinyConfig } from '../../cpc/testing/tinyConfig';
import { CpcTrainer } from '../../cpc/train/trainer';
import type { AnalysisEvent } from './messages';
import { SessionAnalysis } from './sessionAnalysis';
import { bytesOf } from '../../cpc/testing/bytesOf';

useCpuBackend();

const NO_AUGMENTATION: Partial<CpcConfig> = { augJitter: 0, augColorJitter: 0, augFlip: 0, augColorDrop: 0 };
const TRAIN = generateSyntheticShapes({ count: 36, size: 16, seed: 3, channels: 3 });
const TEST = generateSyntheticShapes({ count: 24, size: 16, seed: 4, channels: 3 });

function setUp(change: Partial<CpcConfig> = {}, test: ImageSet | null = TEST, train = TRAIN) {
  const config = tinyConfig(change);
  const trainer = new CpcTrainer(config, train);
  const posted: { event: AnalysisEvent; transfer: Transferable[] }[] = [];
  const analysis = new SessionAnalysis((event, transfer) => posted.push({ event, transfer }));
  analysis.useData({ train, test, config });
  const last = <T extends AnalysisEvent['type']>(type: T) =>
    posted.filter((p) => p.event.type === type).at(-1) as
      { event: Extract<AnalysisEvent, { type: T }>; transfer: Transferable[] } | undefined;
  return { config, trainer, analysis, posted, last };
}

function imagePixels(set: ImageSet, index: number): Uint8Array {
  const bytes = imageBytes(set);
  return bytesOf(set).subarray(index * bytes, (index + 1) * bytes);
}

/** Cosine similarities of row `query` to every row, computed in plain JS as the reference. */
function cosines(features: Float32Array, dim: number, query: number): number[] {
  const norm = (i: number) => Math.hypot(...features.subarray(i * dim, (i + 1) * dim));
  return Array.from({ length: features.length / dim }, (_, i) => {
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += features[i * dim + j] * features[query * dim + j];
    return dot / (norm(i) * norm(query));
  });
}

describe('SessionAnalysis', () => {
  it('inspects a fixed batch of patches exactly as the encoder sees them, with consistent ranks', async () => {
    const { trainer, analysis, last } = setUp(NO_AUGMENTATION);
    const tensorsBefore = tf.memory().numTensors;
    const request = { type: 'request-inspection', image: 1, direction: 'down', t: 0, lane: 1 } as const;
    await analysis.handle(request, trainer);
    const { event, transfer } = last('inspection')!;
    expect(transfer).toEqual([event.patches.buffer, event.images.pixels.buffer]);
    expect(event.images).toMatchObject({ count: 4, size: 16, channels: 3 });
    expect(event.images.pixels.subarray(768, 1536)).toEqual(imagePixels(TRAIN, event.batchIndices[1]));
    expect(event.geometry).toMatchObject({ imageSize: 16, channels: 3, grid: 3, patchSize: 8, stride: 4 });
    expect(event.batchIndices).toHaveLength(4);
    expect(new Set(event.batchIndices).size).toBe(4);
    expect(event.image).toBe(1);
    // Without augmentation the encoder's input is the raw grid of the batch's images.
    expect(maxAbsDiff(event.patches, extractPatches(TRAIN, event.batchIndices, 8, 4, 3))).toBe(0);

    const { prediction } = event;
    expect(prediction.context).toEqual([[0, 1]]);
    expect(prediction.targets).toHaveLength(1); // k = 2 only, into row 2
    const target = prediction.targets[0];
    expect(target).toMatchObject({ k: 2, row: 2, col: 1, truePool: (1 * 3 + 2) * 3 + 1 });
    const topScores = target.top.map((c) => c.score);
    expect(topScores).toEqual([...topScores].sort((a, b) => b - a));
    expect(target.top).toHaveLength(5);
    if (target.trueRank <= 5) expect(target.top[target.trueRank - 1].pool).toBe(target.truePool);
    else expect(target.top[4].score).toBeGreaterThanOrEqual(target.trueScore);
    expect(target.trueRank).toBeGreaterThanOrEqual(1);
    expect(target.trueRank).toBeLessThanOrEqual(4 * 9);

    await trainer.trainStep();
    await analysis.handle(request, trainer);
    const after = last('inspection')!.event;
    expect(after.step).toBe(1);
    expect(after.batchIndices).toEqual(event.batchIndices);
    expect(after.prediction.targets[0].trueScore).not.toBe(target.trueScore);
    expect(tf.memory().numTensors).toBe(tensorsBefore);

    await expect(analysis.handle({ ...request, t: 1 }, trainer)).rejects.toThrow('t must be 0..0');
    await expect(analysis.handle({ ...request, direction: 'up' }, trainer)).rejects.toThrow("not 'up'");
    await expect(analysis.handle({ ...request, image: 4 }, trainer)).rejects.toThrow('0..3');
    trainer.dispose();
  });

  it('replays the same augmentation on every request, as the current config says', async () => {
    const { trainer, analysis, last } = setUp({ augJitter: 0.5, augColorJitter: 0.3 });
    const request = { type: 'request-inspection', image: 0, direction: 'down', t: 0, lane: 0 } as const;
    await analysis.handle(request, trainer);
    const first = last('inspection')!.event;
    await analysis.handle(request, trainer);
    expect(maxAbsDiff(last('inspection')!.event.patches, first.patches)).toBe(0);
    const raw = extractPatches(TRAIN, first.batchIndices, 8, 4, 3);
    expect(maxAbsDiff(first.patches, raw)).toBeGreaterThan(0.05);

    trainer.setHyperparameters({ augJitter: 0, augColorJitter: 0, augColorDrop: 0 });
    await analysis.handle(request, trainer);
    expect(maxAbsDiff(last('inspection')!.event.patches, raw)).toBe(0);
    trainer.dispose();
  });

  it('retrieves the 8 cosine-nearest held-out images, self excluded, with labels and precision@8', async () => {
    const { trainer, analysis, last } = setUp();
    const tensorsBefore = tf.memory().numTensors;
    await analysis.handle({ type: 'request-neighbours', query: 5 }, trainer);
    const { event, transfer } = last('neighbours')!;
    expect(transfer).toEqual([event.thumbnails.pixels.buffer]);

    // The evaluation set is the whole test split.
    const features = await embedImages(trainer.model, TEST, DEFAULT_IMAGE_FEATURE);
    const reference = cosines(features, imageFeatureDim(trainer.model, DEFAULT_IMAGE_FEATURE), 5)
      .map((score, index) => ({ score, index }))
      .filter(({ index }) => index !== 5)
      .sort((a, b) => b.score - a.score)
      .slice(0, 8);
    expect(event.query).toBe(5);
    expect(event.indices).toEqual(reference.map((r) => r.index));
    expect(
      maxAbsDiff(
        event.scores,
        reference.map((r) => r.score),
      ),
    ).toBeLessThan(1e-5);
    expect(event.indices).not.toContain(5);
    expect(event.labels).toEqual(event.indices.map((i) => TEST.labels![i]));
    expect(event.queryLabel).toBe(TEST.labels![5]);
    const matches = event.indices.filter((i) => TEST.labels![i] === TEST.labels![5]).length;
    expect(event.precision).toBeCloseTo(matches / 8, 12);
    expect(event.thumbnails).toMatchObject({ count: 9, size: 16, channels: 3 });
    expect(event.thumbnails.pixels.subarray(0, 768)).toEqual(imagePixels(TEST, 5));
    expect(event.thumbnails.pixels.subarray(768, 1536)).toEqual(imagePixels(TEST, event.indices[0]));

    await analysis.handle({ type: 'request-neighbours', query: 'random', k: 3 }, trainer);
    const random = last('neighbours')!.event;
    expect(random.indices).toHaveLength(3);
    expect(Number.isInteger(random.query) && random.query >= 0 && random.query < 24).toBe(true);
    const twin = setUp();
    await twin.analysis.handle({ type: 'request-neighbours', query: 'random', k: 3 }, twin.trainer);
    expect(twin.last('neighbours')!.event.query).toBe(random.query); // seeded
    twin.trainer.dispose();

    await expect(analysis.handle({ type: 'request-neighbours', query: 24 }, trainer)).rejects.toThrow(
      '0..23',
    );
    await expect(analysis.handle({ type: 'request-neighbours', query: 0, k: 0 }, trainer)).rejects.toThrow(
      'k',
    );
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    trainer.dispose();
  });

  it('maps the evaluation set onto two principal components and sends its images once', async () => {
    const { trainer, analysis, last } = setUp();
    const tensorsBefore = tf.memory().numTensors;
    await analysis.handle({ type: 'request-embedding-map' }, trainer);
    const { event: map } = last('embedding-map')!;
    expect(map.points).toHaveLength(48);
    expect(map.points.every(Number.isFinite)).toBe(true);
    expect(Array.from(map.labels!)).toEqual(Array.from(TEST.labels!));
    const [first, second] = map.explainedVariance;
    expect(first).toBeGreaterThanOrEqual(second);
    expect(second).toBeGreaterThan(0);
    expect(first + second).toBeLessThanOrEqual(1 + 1e-6);
    // PCA coordinates are centred.
    const meanX = map.points.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0) / 24;
    expect(Math.abs(meanX)).toBeLessThan(1e-4);

    await analysis.handle({ type: 'request-evaluation-images' }, trainer);
    const { event: images, transfer } = last('evaluation-images')!;
    expect(images.source).toBe('held-out');
    expect(images.images).toMatchObject({ count: 24, size: 16, channels: 3 });
    expect(images.images.pixels).toEqual(TEST.pixels);
    expect(bytesOf(images.images).buffer).not.toBe(bytesOf(TEST).buffer); // transferred, so a copy
    expect(transfer).toEqual([images.images.pixels.buffer, images.labels!.buffer]);
    expect(images.classNames).toEqual(TEST.classNames);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    trainer.dispose();
  });

  it('probes CPC beside random init and raw pixels, on the held-out split or a split of the training images', async () => {
    const { trainer, analysis, last } = setUp();
    const tensorsBefore = tf.memory().numTensors;
    await analysis.handle({ type: 'request-probe' }, trainer);
    const heldOut = last('probe')!.event;
    if (!heldOut.available) throw new Error(heldOut.reason);
    expect(heldOut).toMatchObject({ step: 0, trainImages: 36, testImages: 24, testSource: 'held-out' });
    // At step 0 the trained model is the random-init model (same seed), so the scores coincide.
    expect(heldOut.cpc).toEqual(heldOut.randomInit);
    for (const score of [heldOut.cpc.linear, heldOut.cpc.knn, heldOut.pixels.linear, heldOut.pixels.knn]) {
      expect(score * 24).toBeCloseTo(Math.round(score * 24), 9); // a count of the 24 test images
    }
    // By default only the selected feature: the others would make the probe about 2.5 times as long.
    expect(heldOut.feature).toBe(DEFAULT_IMAGE_FEATURE);
    expect(heldOut.features).toEqual({
      [DEFAULT_IMAGE_FEATURE]: { cpc: heldOut.cpc, randomInit: heldOut.randomInit },
    });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    trainer.dispose();

    const noTest = setUp({}, null);
    await noTest.analysis.handle({ type: 'request-probe' }, noTest.trainer);
    const split = noTest.last('probe')!.event;
    expect(split).toMatchObject({ available: true, testSource: 'training-split' });
    if (split.available) expect(split.trainImages + split.testImages).toBe(36);
    noTest.trainer.dispose();

    const unlabelled = setUp({}, null, { ...TRAIN, labels: null, classNames: [] });
    await unlabelled.analysis.handle({ type: 'request-probe' }, unlabelled.trainer);
    expect(unlabelled.last('probe')!.event).toEqual({
      type: 'probe',
      step: 0,
      available: false,
      reason: expect.stringContaining('no labels'),
    });
    await unlabelled.analysis.handle({ type: 'request-neighbours', query: 0 }, unlabelled.trainer);
    expect(unlabelled.last('neighbours')!.event).toMatchObject({ labels: null, precision: null });
    unlabelled.trainer.dispose();
  });

  it('uses the selected image feature for neighbours, the map and the probe, and probes every feature on demand', async () => {
    const { trainer, analysis, last } = setUp();
    const tensorsBefore = tf.memory().numTensors;
    await analysis.handle({ type: 'request-probe' }, trainer);
    const first = last('probe')!.event;
    await analysis.handle({ type: 'request-neighbours', query: 2 }, trainer);
    const grid = last('neighbours')!.event;

    analysis.setImageFeature('mean-z');
    // Same model and step, new feature: the cached embeddings must not be reused.
    await analysis.handle({ type: 'request-neighbours', query: 2 }, trainer);
    const mean = last('neighbours')!.event;
    const reference = cosines(await embedImages(trainer.model, TEST, 'mean-z'), 8, 2);
    expect(
      maxAbsDiff(
        mean.scores,
        mean.indices.map((i) => reference[i]),
      ),
    ).toBeLessThan(1e-5);
    expect(mean.scores).not.toEqual(grid.scores);
    await analysis.handle({ type: 'request-embedding-map' }, trainer);
    expect(last('embedding-map')!.event.points).toHaveLength(48);

    await analysis.handle({ type: 'request-probe', allFeatures: true }, trainer);
    const all = last('probe')!.event;
    if (!all.available || !first.available) throw new Error('no probe');
    expect(all.feature).toBe('mean-z');
    expect(Object.keys(all.features).sort()).toEqual([...IMAGE_FEATURES].sort());
    expect(all.features['mean-z']).toEqual({ cpc: all.cpc, randomInit: all.randomInit });
    // A deterministic probe of the same images: grid3-z scores as it did when it was the headline.
    expect(all.features[DEFAULT_IMAGE_FEATURE]).toEqual(first.features[DEFAULT_IMAGE_FEATURE]);
    // Pixels of the same probe sets are scored once and reused.
    expect(all.pixels).toBe(first.pixels);
    expect(tf.memory().numTensors).toBe(tensorsBefore);

    expect(() => analysis.setImageFeature('median-z')).toThrow('Unknown image feature "median-z"');
    expect(analysis.imageFeature).toBe('mean-z');
    trainer.dispose();
  });

  it('pushes a snapshot of the last query and the map every N steps', async () => {
    const { trainer, analysis, posted } = setUp();
    analysis.setVisualisation(2);
    await analysis.handle({ type: 'request-neighbours', query: 7 }, trainer);
    const tensorsBefore = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) {
      await trainer.trainStep();
      await analysis.afterStep(trainer);
    }
    const snapshots = posted.flatMap(({ event }) => (event.type === 'snapshot' ? [event] : []));
    expect(snapshots.map((s) => s.step)).toEqual([2, 4]);
    for (const snapshot of snapshots) {
      expect(snapshot.neighbours.query).toBe(7);
      expect(snapshot.neighbours.indices).toHaveLength(8);
      expect(snapshot.map.points).toHaveLength(48);
      expect(snapshot.costMs).toBeGreaterThan(0);
    }
    expect(snapshots[1].neighbours.scores).not.toEqual(snapshots[0].neighbours.scores); // weights moved
    expect(tf.memory().numTensors).toBe(tensorsBefore);

    analysis.setVisualisation(0);
    await trainer.trainStep();
    await trainer.trainStep();
    await analysis.afterStep(trainer);
    expect(posted.filter(({ event }) => event.type === 'snapshot')).toHaveLength(2);
    expect(() => analysis.setVisualisation(1.5)).toThrow('whole number');
    trainer.dispose();
  });
});
