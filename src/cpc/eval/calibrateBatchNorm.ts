import * as tf from '@tensorflow/tfjs';
import { extractPatches } from '../data/patches';
import { pickCount, pickOf, type ImagePick, type ImageSet } from '../data/imageSet';
import type { CpcModel } from '../model/cpcModel';
import { BATCH_NORM_MOMENTUM } from '../nn/norm';

/** Batches, and images per batch, whose statistics replace the running ones before a probe. */
export const CALIBRATION_BATCHES = 8;
export const CALIBRATION_IMAGES = 16;

/**
 * Runs `probe` with batch-norm running statistics re-estimated on the probe's own images (the mean of
 * CALIBRATION_BATCHES batch statistics), then puts the model's statistics back. Without it a random-init
 * encoder is probed with its initial statistics (mean 0, variance 1), which fit none of its activations:
 * an unfair baseline. Other norms need nothing, and `probe` runs as is.
 */
export async function withCalibratedBatchNorm<T>(
  model: CpcModel,
  images: ImageSet | ImagePick,
  probe: () => Promise<T>,
): Promise<T> {
  const pick = pickOf(images);
  const stats = model.params
    .all()
    .filter((e) => !e.options.trainable)
    .map((e) => e.variable);
  if (model.config.norm !== 'batch' || stats.length === 0 || pickCount(pick) === 0) return probe();
  const saved = stats.map((v) => tf.clone(v));
  try {
    calibrate(model, pick, stats);
    return await probe();
  } finally {
    stats.forEach((v, i) => v.assign(saved[i]));
    tf.dispose(saved);
  }
}

function calibrate(model: CpcModel, pick: ImagePick, stats: tf.Variable[]): void {
  const { grid: g, patchSize, stride } = model.geometry;
  const { set: images, indices } = pick;
  const sums: tf.Tensor[] = stats.map((v) => tf.zerosLike(v));
  const count = pickCount(pick);
  const batches = Math.min(CALIBRATION_BATCHES, Math.ceil(count / CALIBRATION_IMAGES));
  for (let b = 0; b < batches; b++) {
    const part = Array.from(
      { length: Math.min(CALIBRATION_IMAGES, count - b * CALIBRATION_IMAGES) },
      (_, i) => {
        const at = b * CALIBRATION_IMAGES + i;
        return indices ? indices[at] : at;
      },
    );
    // With the running values at 0, each held update is (1 − momentum) × the batch statistic.
    tf.tidy(() => stats.forEach((v) => v.assign(tf.zerosLike(v))));
    const patches = extractPatches(images, part, patchSize, stride, g);
    tf.tidy(() => {
      model.encode(tf.tensor4d(patches, [part.length * g * g, patchSize, patchSize, images.channels]), true);
    });
    const pending = model.params.takeDeferred();
    for (const { variable, value } of pending) {
      const i = stats.findIndex((v) => v === variable);
      const next = tf.tidy(() => tf.add(sums[i], tf.div(value, 1 - BATCH_NORM_MOMENTUM)));
      sums[i].dispose();
      sums[i] = next;
    }
    tf.dispose(pending.map((p) => p.value));
  }
  tf.tidy(() => stats.forEach((v, i) => v.assign(tf.div(sums[i], batches))));
  tf.dispose(sums);
}
