import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { extractPatches } from '../data/patches';
import { generateSyntheticShapes } from '../data/synthetic';
import { CpcModel } from '../model/cpcModel';
import { maxAbsDiff, useCpuBackend } from '../testing/tfTest';
import { tinyConfig } from '../testing/tinyConfig';
import { CALIBRATION_IMAGES, withCalibratedBatchNorm } from './calibrateBatchNorm';

useCpuBackend();

describe('withCalibratedBatchNorm', () => {
  const images = generateSyntheticShapes({ count: CALIBRATION_IMAGES, size: 16, seed: 7 });

  async function encodings(model: CpcModel, training: boolean): Promise<Float32Array> {
    const { grid: g, patchSize, stride } = model.geometry;
    const patches = extractPatches(
      images,
      Array.from({ length: images.count }, (_, i) => i),
      patchSize,
      stride,
      g,
    );
    const z = tf.tidy(() =>
      model.encode(tf.tensor4d(patches, [images.count * g * g, patchSize, patchSize, 3]), training),
    );
    const out = (await z.data()) as Float32Array;
    z.dispose();
    return out;
  }

  it('on one batch, makes evaluation mode equal training mode (running stats = batch stats), then restores them', async () => {
    const model = new CpcModel(tinyConfig({ norm: 'batch' }));
    const stats = () =>
      Promise.all(
        model.params
          .all()
          .filter((e) => !e.options.trainable)
          .map((e) => e.variable.data()),
      );
    const initial = await stats();
    expect(initial.length).toBeGreaterThan(0);
    const training = await encodings(model, true);
    model.params.discardDeferred();
    expect(maxAbsDiff(await encodings(model, false), training)).toBeGreaterThan(1e-2); // initial stats do not fit
    const before = tf.memory().numTensors;
    const calibrated = await withCalibratedBatchNorm(model, images, () => encodings(model, false));
    expect(maxAbsDiff(calibrated, training)).toBeLessThan(1e-4);
    expect(tf.memory().numTensors).toBe(before);
    (await stats()).forEach((values, i) => expect(Array.from(values)).toEqual(Array.from(initial[i])));
    model.dispose();
  });

  it('leaves layer-norm models alone', async () => {
    const model = new CpcModel(tinyConfig({ norm: 'layer' }));
    const plain = await encodings(model, false);
    expect(await withCalibratedBatchNorm(model, images, () => encodings(model, false))).toEqual(plain);
    model.dispose();
  });
});
