import { inMemory, withChannels, type ImageSet } from '../cpc/data/imageSet';
import { resizeSquare } from './resize';

/** The set at the training size and channel count a config asks for (a no-op when it already fits). */
export function adaptImageSet(set: ImageSet, size: number, channels: 1 | 3): ImageSet {
  if (set.size === size && set.channels === channels) return set; // a stored set stays in its file
  const coloured = inMemory(withChannels(set, channels));
  if (coloured.size === size) return coloured;
  const from = coloured.size * coloured.size * channels;
  const to = size * size * channels;
  const pixels = new Uint8Array(coloured.count * to);
  const src = new Float64Array(from);
  for (let i = 0; i < coloured.count; i++) {
    for (let j = 0; j < from; j++) src[j] = coloured.pixels[i * from + j];
    const resized = resizeSquare(src, coloured.size, channels, size);
    for (let j = 0; j < to; j++) pixels[i * to + j] = Math.round(resized[j]);
  }
  return { ...coloured, pixels, size };
}
