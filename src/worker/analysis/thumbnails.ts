import { subsetImages, type ImageSet } from '../../cpc/data/imageSet';
import type { Thumbnails } from './messages';

/** Copies of the chosen images' bytes, in the given order (a fresh buffer, so it can be transferred). */
export function thumbnailsOf(set: ImageSet, indices: ArrayLike<number>): Thumbnails {
  const { pixels } = subsetImages(set, indices);
  return { count: indices.length, size: set.size, channels: set.channels, pixels };
}
