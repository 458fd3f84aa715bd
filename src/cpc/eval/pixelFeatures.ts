import { imageAt, imageBytes, pickCount, pickOf, type ImagePick, type ImageSet } from '../data/imageSet';
import type { RowBlocks } from './featureRows';

/** Larger images are box-averaged down to at most this side before the pixel probe (it stays fast). */
export const PIXEL_PROBE_MAX_SIDE = 32;

/** The raw-pixel baseline's feature rows, made on request, with their width and the side they come from. */
export interface PixelFeatureRows extends RowBlocks {
  dim: number;
  side: number;
}

/**
 * The raw-pixel baseline's features: every pixel value in [0, 1], [count, side·side·C] row-major, after
 * box-averaging by ⌈size / PIXEL_PROBE_MAX_SIDE⌉ when the images are larger than that. A pick: only its
 * images, in its order. Rows are computed a block at a time when asked (a pass over the images' bytes),
 * so a probe never holds all of them as floats: 3,000 images at 64 px in colour would be 37 MB.
 */
export function pixelFeatureRows(images: ImageSet | ImagePick): PixelFeatureRows {
  const pick = pickOf(images);
  const { set, indices } = pick;
  const { size, channels: ch } = set;
  const count = pickCount(pick);
  const factor = Math.ceil(size / PIXEL_PROBE_MAX_SIDE);
  const side = Math.floor(size / factor);
  const dim = side * side * ch;
  const scale = 1 / (255 * factor * factor);
  const block = (start: number, rows: number): Float32Array => {
    if (!(
      Number.isInteger(start) &&
      Number.isInteger(rows) &&
      start >= 0 &&
      rows >= 0 &&
      start + rows <= count
    )) {
      throw new RangeError(`rows ${start}..${start + rows} of ${count}`);
    }
    const features = new Float32Array(rows * dim); // [rows, D]
    const scratch = new Uint8Array(imageBytes(set)); // a stored image is read into it
    for (let r = 0; r < rows; r++) {
      const n = start + r;
      const image = imageAt(set, indices ? indices[n] : n, scratch);
      for (let y = 0; y < side; y++) {
        for (let x = 0; x < side; x++) {
          for (let c = 0; c < ch; c++) {
            let sum = 0;
            for (let dy = 0; dy < factor; dy++) {
              for (let dx = 0; dx < factor; dx++) {
                sum += image[((y * factor + dy) * size + x * factor + dx) * ch + c];
              }
            }
            features[r * dim + (y * side + x) * ch + c] = sum * scale;
          }
        }
      }
    }
    return features;
  };
  return { count, dim, side, block };
}
