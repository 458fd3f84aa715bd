import { imageBytes, type ImageSet } from '../../cpc/data/imageSet';
import type { Thumbnails } from './messages';

/** Copies of the chosen images' bytes, in the given order (a fresh buffer, so it can be transferred). */
export function thumbnailsOf(set: ImageSet, indices: ArrayLike<number>): Thumbnails {
  const bytes = imageBytes(set);
  const pixels = new Uint8Array(indices.length * bytes);
  for (let i = 0; i < indices.length; i++) {
    const source = indices[i];
    pixels.set(set.pixels.subarray(source * bytes, (source + 1) * bytes), i * bytes);
  }
  return { count: indices.length, size: set.size, channels: set.channels, pixels };
}
