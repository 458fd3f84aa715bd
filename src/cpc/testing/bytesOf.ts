import { isStored, type ImageSet } from '../data/imageSet';

/** A set's pixels that a test made in memory; a set kept in a file fails the test here. */
export function bytesOf(set: Pick<ImageSet, 'pixels'>): Uint8Array {
  if (isStored(set.pixels)) throw new Error(`Expected pixels in memory, got the file ${set.pixels.file}.`);
  return set.pixels;
}
