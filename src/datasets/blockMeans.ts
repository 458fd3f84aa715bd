/**
 * `fitImage`'s fast path for the common import: an opaque colour crop whose side is a whole multiple k of
 * the training size (a 1024 × 768 JPEG decoded at a quarter is 192 px on the short side, 3 × 64). Box taps
 * then weigh every pixel of a k × k block by 1/k per axis, so each output value is the block's mean. Summed
 * as integers and divided once, it rounds to the same byte as the float taps do:
 * - k a power of two: 1/k is exact, so the float sums are exactly S/k², the value rounded here;
 * - k odd: S/k² is never a half (k² odd), and is at least 1/(2k²) away from one, far more than the float
 *   taps' error of a few units in the 53rd bit, so both round the same way.
 * Other k (6, 10, ...) can land on a half that the float taps miss by an ulp: those keep the float path.
 */
import type { RgbaImage } from './resize';
import { scratchArray } from './scratchArray';

/** The block side k when `blockMeans` gives fitImage's bytes for this crop, else null. */
export function blockFactor(image: RgbaImage, side: number, size: number, channels: 1 | 3): number | null {
  const opaque = image.layout?.endsWith('X') ?? false;
  if (!opaque || channels !== 3 || side % size !== 0) return null; // side < size leaves a remainder
  const k = side / size;
  const powerOfTwo = (k & (k - 1)) === 0;
  return k % 2 === 1 || powerOfTwo ? k : null;
}

/** A row of block sums, reused from one image to the next. */
const scratchSums = scratchArray((length) => new Float64Array(length), 1 << 16);

/**
 * The crop at (x, y), `size` × k pixels square, as [size, size, 3] bytes: each the mean of its k × k block,
 * in RGB order whatever the layout. Only for crops `blockFactor` accepts.
 */
export function blockMeans(image: RgbaImage, x: number, y: number, size: number, k: number): Uint8Array {
  const { data, width, layout = 'RGBA' } = image;
  const red = layout.startsWith('B') ? 2 : 0;
  const blue = 2 - red;
  const line = size * 3;
  const area = k * k;
  const sums = scratchSums(line); // [size, 3] sums of one output row's blocks
  const out = new Uint8Array(size * line); // [size, size, 3]
  for (let row = 0; row < size; row++) {
    sums.fill(0);
    for (let dy = 0; dy < k; dy++) {
      let p = ((y + row * k + dy) * width + x) * 4;
      for (let d = 0; d < line; d += 3) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let dx = 0; dx < k; dx++, p += 4) {
          r += data[p + red];
          g += data[p + 1];
          b += data[p + blue];
        }
        sums[d] += r;
        sums[d + 1] += g;
        sums[d + 2] += b;
      }
    }
    for (let d = 0, o = row * line; d < line; d++) out[o + d] = Math.round(sums[d] / area);
  }
  return out;
}
