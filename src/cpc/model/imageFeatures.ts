import * as tf from '@tensorflow/tfjs';
import { extractPatches } from '../data/patches';
import type { ImageSet } from '../data/imageSet';
import type { CpcModel } from './cpcModel';
import { directionViews } from './directionViews';
import type { ImageFeature } from './imageFeatureInfo';
import { throwIfStopped, type StopCheck } from '../eval/stopCheck';

export {
  DEFAULT_IMAGE_FEATURE,
  IMAGE_FEATURE_INFO,
  IMAGE_FEATURES,
  isImageFeature,
  type ImageFeature,
} from './imageFeatureInfo';

/** Length of one image's vector for a feature. */
export function imageFeatureDim(model: CpcModel, feature: ImageFeature): number {
  const d = model.config.codeSize;
  switch (feature) {
    case 'mean-z':
      return d;
    case 'grid2-z':
      return 4 * d;
    case 'grid3-z':
      return 9 * d;
    case 'z-c':
      return d + model.context.hiddenSize;
    case 'hidden':
      return model.encoder.hiddenSize;
  }
}

/**
 * Patches encoded per forward pass when embedding a set. A pass is one tf.tidy, which keeps every layer's
 * activations until it ends, so its memory grows with patches, not images: 64 images of 64 px (49
 * patches each) held 415 MB at once with the default encoder, and the WASM heap never shrinks again.
 * At 512 a pass peaks at 37 MB there, under half a training step's 79 MB, so embedding never grows the
 * heap that training made (at 1,024 it did: 110 → 131 MiB).
 */
export const EMBED_PATCHES = 512;

/** Images per forward pass for a grid of grid × grid patches (at least one). */
export function embedBatchImages(grid: number): number {
  return Math.max(1, Math.floor(EMBED_PATCHES / (grid * grid)));
}

/**
 * Image vectors for each asked-for feature, computed without augmentation and with normalisation in
 * evaluation mode, in one pass over the images. Each result is [count, dim] row-major.
 */
export async function embedImageFeatures(
  model: CpcModel,
  set: ImageSet,
  features: readonly ImageFeature[],
  indices?: ArrayLike<number>,
  stop?: StopCheck,
): Promise<Map<ImageFeature, Float32Array>> {
  const chosen = indices ?? Int32Array.from({ length: set.count }, (_, i) => i);
  const out = new Map(features.map((f) => [f, new Float32Array(chosen.length * imageFeatureDim(model, f))]));
  const perPass = embedBatchImages(model.geometry.grid);
  for (let start = 0; start < chosen.length; start += perPass) {
    await throwIfStopped(stop);
    const part = Array.from(
      { length: Math.min(perPass, chosen.length - start) },
      (_, i) => chosen[start + i],
    );
    const batch = batchFeatures(model, set, part, features);
    for (const [i, feature] of features.entries()) {
      out.get(feature)!.set(await batch[i].data(), start * imageFeatureDim(model, feature));
    }
    tf.dispose(batch);
  }
  return out;
}

function batchFeatures(
  model: CpcModel,
  set: ImageSet,
  part: number[],
  features: readonly ImageFeature[],
): tf.Tensor2D[] {
  const { grid: g, patchSize } = model.geometry;
  const d = model.config.codeSize;
  const patches = extractPatches(set, part, patchSize, model.geometry.stride, g);
  return tf.tidy(() => {
    const x = tf.tensor4d(patches, [part.length * g * g, patchSize, patchSize, set.channels]);
    const { z, hidden } = model.encoder.encodeWithHidden(x, false); // [b·G·G, D], [b·G·G, Hd]
    const zGrid = tf.reshape(z, [part.length, g, g, d]) as tf.Tensor4D; // [b, G, G, D]
    const meanZ = () => tf.mean(zGrid, [1, 2]) as tf.Tensor2D; // [b, D]
    const pick = (feature: ImageFeature): tf.Tensor2D => {
      switch (feature) {
        case 'mean-z':
          return meanZ();
        case 'grid2-z':
          return poolOnGrid(zGrid, 2);
        case 'grid3-z':
          return poolOnGrid(zGrid, 3);
        case 'z-c': {
          const c = model.context.run(directionViews(zGrid, model.geometry.directions)); // [Ndir, b, T, L, H]
          const meanC = tf.mean(tf.transpose(c, [1, 0, 2, 3, 4]), [1, 2, 3]) as tf.Tensor2D; // [b, H]
          return tf.concat([meanZ(), meanC], 1); // [b, D + H]
        }
        case 'hidden':
          return tf.mean(tf.reshape(hidden, [part.length, g * g, -1]), 1) as tf.Tensor2D; // [b, Hd]
      }
    };
    return features.map(pick);
  });
}

/**
 * Adaptive average pooling of a code grid to cells × cells (cell i covers rows ⌊i·G/n⌋ … ⌈(i+1)·G/n⌉ − 1,
 * so cells overlap by a row when G is not a multiple of n), concatenated: [b, G, G, D] → [b, n·n·D].
 */
export function poolOnGrid(zGrid: tf.Tensor4D, cells: number): tf.Tensor2D {
  const [b, g, , d] = zGrid.shape;
  const span = (i: number) => [Math.floor((i * g) / cells), Math.ceil(((i + 1) * g) / cells)];
  const pooled: tf.Tensor[] = [];
  for (let i = 0; i < cells; i++) {
    const [r0, r1] = span(i);
    for (let j = 0; j < cells; j++) {
      const [c0, c1] = span(j);
      pooled.push(tf.mean(tf.slice(zGrid, [0, r0, c0, 0], [b, r1 - r0, c1 - c0, d]), [1, 2])); // [b, D]
    }
  }
  return tf.concat(pooled, 1) as tf.Tensor2D; // [b, n·n·D]
}
