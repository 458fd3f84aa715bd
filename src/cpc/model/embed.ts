import * as tf from '@tensorflow/tfjs';
import { extractPatches } from '../data/patches';
import type { ImageSet } from '../data/imageSet';
import type { CpcModel } from './cpcModel';

/** Images encoded per forward pass when embedding a whole set. */
const EMBED_BATCH = 64;

/**
 * The image embedding: the mean of its patch codes z (CPC v1's evaluation), computed without
 * augmentation and with normalisation in evaluation mode. Returns [count, D] row-major.
 */
export async function embedImages(
  model: CpcModel,
  set: ImageSet,
  indices?: ArrayLike<number>,
): Promise<Float32Array> {
  const chosen = indices ?? Int32Array.from({ length: set.count }, (_, i) => i);
  const { grid, patchSize, stride } = model.geometry;
  const d = model.config.codeSize;
  const out = new Float32Array(chosen.length * d);
  for (let start = 0; start < chosen.length; start += EMBED_BATCH) {
    const part = Array.from(
      { length: Math.min(EMBED_BATCH, chosen.length - start) },
      (_, i) => chosen[start + i],
    );
    const patches = extractPatches(set, part, patchSize, stride, grid);
    const embedding = tf.tidy(() => {
      const x = tf.tensor4d(patches, [part.length * grid * grid, patchSize, patchSize, set.channels]);
      const z = model.encode(x, false); // [b·G·G, D]
      return tf.mean(tf.reshape(z, [part.length, grid * grid, d]), 1); // [b, D]
    });
    out.set(await embedding.data(), start * d);
    embedding.dispose();
  }
  return out;
}
