import { pickCount, pickOf, type ImagePick, type ImageSet } from '../data/imageSet';

/** Larger images are box-averaged down to at most this side before the pixel probe (it stays fast). */
export const PIXEL_PROBE_MAX_SIDE = 32;

/**
 * The raw-pixel baseline's features: every pixel value in [0, 1], [count, side·side·C] row-major, after
 * box-averaging by ⌈size / PIXEL_PROBE_MAX_SIDE⌉ when the images are larger than that. A pick: only its
 * images, in its order.
 */
export function pixelFeatures(images: ImageSet | ImagePick): {
  features: Float32Array;
  dim: number;
  side: number;
} {
  const pick = pickOf(images);
  const { set, indices } = pick;
  const { size, channels: ch } = set;
  const count = pickCount(pick);
  const factor = Math.ceil(size / PIXEL_PROBE_MAX_SIDE);
  const side = Math.floor(size / factor);
  const dim = side * side * ch;
  const features = new Float32Array(count * dim);
  const scale = 1 / (255 * factor * factor);
  for (let n = 0; n < count; n++) {
    const base = (indices ? indices[n] : n) * size * size * ch;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        for (let c = 0; c < ch; c++) {
          let sum = 0;
          for (let dy = 0; dy < factor; dy++) {
            for (let dx = 0; dx < factor; dx++) {
              sum += set.pixels[base + ((y * factor + dy) * size + x * factor + dx) * ch + c];
            }
          }
          features[n * dim + (y * side + x) * ch + c] = sum * scale;
        }
      }
    }
  }
  return { features, dim, side };
}
