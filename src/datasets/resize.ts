/**
 * Turns any decoded picture into a square training image: centre crop to a square (keeping the aspect
 * ratio, never stretching), transparent pixels composited on white, colour converted to the set's
 * channel count, then resized. Everything stays in floating point until one final rounding, so a picture
 * that is already the right size and format comes out unchanged. Crops that shrink by whole k × k blocks
 * take integer sums instead (./blockMeans.ts), which round to the same bytes.
 */
import { blockFactor, blockMeans } from './blockMeans';
import { scratchArray } from './scratchArray';

/** A decoded picture, 8 bits per channel, RGBA row-major (what pngjs and jpeg-js produce). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
  /**
   * The bytes of each pixel, in WebCodecs' names: RGBA when not given. BGR puts blue first (what a
   * browser's JPEG decoder hands out); X in place of A means opaque whatever that byte holds.
   */
  layout?: PixelLayout;
}

export type PixelLayout = 'RGBA' | 'RGBX' | 'BGRA' | 'BGRX';

/**
 * The image as [size, size, channels] bytes; `upscaled` when the crop was smaller than `size`; `side` is
 * the crop's side before resizing.
 */
export function fitImage(
  image: RgbaImage,
  size: number,
  channels: 1 | 3,
): { pixels: Uint8Array; upscaled: boolean; side: number } {
  const crop = centreSquare(image.width, image.height);
  const { side } = crop;
  // The common import (a JPEG decoded at a quarter, 192 px to 64): integer block means, the same bytes.
  const k = blockFactor(image, side, size, channels);
  if (k !== null) return { pixels: blockMeans(image, crop.x, crop.y, size, k), upscaled: false, side };
  const taps = squareTaps(side, size);
  const rows = scratchRows(side * size * channels); // [side, size, channels], every value written below
  for (let y = 0; y < side; y++) fitRow(image, crop.x, crop.y + y, taps, channels, rows, y * size * channels);
  const pixels = new Uint8Array(size * size * channels); // [size, size, channels]
  fitColumns(rows, taps, size * channels, pixels);
  return { pixels, upscaled: side < size, side };
}

/** fitImage's rows, reused from one image to the next (8 MB at most). */
const scratchRows = scratchArray((length) => new Float64Array(length), 1 << 20);

/**
 * Row `y` of the crop from column `x`, composited on white, in `channels` and resized: [size, channels]
 * into `rows` at `to`. The same floats as converting the row and then `resizeRow`, added in the same order,
 * without the converted row in between: 256 × 192 BGRX to 64 × 64 × 3 takes 0.37 ms in Node, against 0.61.
 */
function fitRow(
  image: RgbaImage,
  x: number,
  y: number,
  taps: FlatTaps,
  channels: 1 | 3,
  rows: Float64Array,
  to: number,
): void {
  const { data, layout = 'RGBA' } = image;
  const red = layout.startsWith('B') ? 2 : 0;
  const blue = 2 - red;
  const opaque = layout.endsWith('X');
  const start = (y * image.width + x) * 4;
  const { first, index, weight } = taps;
  const size = first.length - 1;
  for (let i = 0, d = to; i < size; i++) {
    let sumR = 0;
    let sumG = 0;
    let sumB = 0;
    for (let t = first[i]; t < first[i + 1]; t++) {
      const p = start + index[t] * 4;
      const w = weight[t];
      let r = data[p + red];
      let g = data[p + 1];
      let b = data[p + blue];
      const a = opaque ? 255 : data[p + 3];
      if (a !== 255) {
        // Opaque pixels skip this: with alpha 1 and no white, each value would come out unchanged.
        const alpha = a / 255;
        const white = 255 * (1 - alpha);
        r = r * alpha + white;
        g = g * alpha + white;
        b = b * alpha + white;
      }
      if (channels === 1) {
        sumR += w * (0.299 * r + 0.587 * g + 0.114 * b);
      } else {
        sumR += w * r;
        sumG += w * g;
        sumB += w * b;
      }
    }
    rows[d++] = sumR;
    if (channels === 3) {
      rows[d++] = sumG;
      rows[d++] = sumB;
    }
  }
}

/** The vertical pass, rounded: [side, line] rows to [size, line] bytes, added in `resizeColumns`' order. */
function fitColumns(
  rows: Float64Array,
  { first, index, weight }: FlatTaps,
  line: number,
  out: Uint8Array,
): void {
  const size = first.length - 1;
  for (let y = 0; y < size; y++) {
    const d = y * line;
    for (let k = 0; k < line; k++) {
      let sum = 0;
      for (let t = first[y]; t < first[y + 1]; t++) sum += weight[t] * rows[index[t] * line + k];
      out[d + k] = Math.round(sum);
    }
  }
}

/** The largest centred square; odd margins put the extra pixel on the right and bottom. */
export function centreSquare(width: number, height: number): { x: number; y: number; side: number } {
  const side = Math.min(width, height);
  return { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), side };
}

/**
 * Resizes a square [side, side, channels] float image to [size, size, channels]. Shrinking averages
 * each output pixel's exact footprint (a box filter, so thin strokes do not alias away); enlarging
 * interpolates bilinearly between pixel centres. Both are separable: rows first, then columns.
 */
export function resizeSquare(src: Float64Array, side: number, channels: number, size: number): Float64Array {
  const taps = squareTaps(side, size);
  const rows = new Float64Array(side * size * channels); // [side, size, channels]
  for (let y = 0; y < side; y++)
    resizeRow(src, y * side * channels, taps, channels, rows, y * size * channels);
  return resizeColumns(rows, taps, size, channels);
}

/** The taps of every output pixel in three flat arrays: output i's are first[i] up to first[i + 1]. */
interface FlatTaps {
  first: Int32Array;
  index: Int32Array;
  weight: Float64Array;
}

/** The last taps made: an import resizes thousands of pictures of one size (30 µs each to make again). */
let lastTaps: { side: number; size: number; taps: FlatTaps } | null = null;

function squareTaps(side: number, size: number): FlatTaps {
  if (lastTaps?.side !== side || lastTaps.size !== size)
    lastTaps = { side, size, taps: makeTaps(side, size) };
  return lastTaps.taps;
}

function makeTaps(side: number, size: number): FlatTaps {
  const taps = side >= size ? boxTaps(side, size) : bilinearTaps(side, size);
  const first = new Int32Array(size + 1);
  taps.forEach((pixel, i) => (first[i + 1] = first[i] + pixel.length));
  const index = new Int32Array(first[size]);
  const weight = new Float64Array(first[size]);
  taps.flat().forEach((tap, t) => {
    index[t] = tap.index;
    weight[t] = tap.weight;
  });
  return { first, index, weight };
}

/** One row, [side, channels] from `src` at `from`, resized to [size, channels] in `rows` at `to`. */
function resizeRow(
  src: Float64Array,
  from: number,
  { first, index, weight }: FlatTaps,
  channels: number,
  rows: Float64Array,
  to: number,
): void {
  const size = first.length - 1;
  for (let x = 0; x < size; x++) {
    const d = to + x * channels;
    for (let t = first[x]; t < first[x + 1]; t++) {
      const s = from + index[t] * channels;
      const w = weight[t];
      for (let c = 0; c < channels; c++) rows[d + c] += w * src[s + c];
    }
  }
}

/** The second, vertical pass: [side, size, channels] rows to [size, size, channels]. */
function resizeColumns(
  rows: Float64Array,
  { first, index, weight }: FlatTaps,
  size: number,
  channels: number,
): Float64Array {
  const line = size * channels;
  const out = new Float64Array(size * line); // [size, size, channels]
  for (let y = 0; y < size; y++) {
    const d = y * line;
    for (let t = first[y]; t < first[y + 1]; t++) {
      const w = weight[t];
      const s = index[t] * line;
      for (let k = 0; k < line; k++) out[d + k] += w * rows[s + k];
    }
  }
  return out;
}

interface Tap {
  index: number;
  weight: number;
}

/** Output pixel i covers source span [i·scale, (i+1)·scale); each source pixel weighs by its overlap. */
function boxTaps(side: number, size: number): Tap[][] {
  const scale = side / size;
  return Array.from({ length: size }, (_, i) => {
    const start = i * scale;
    const end = start + scale;
    const taps: Tap[] = [];
    for (let j = Math.floor(start); j < Math.min(side, Math.ceil(end)); j++) {
      const overlap = Math.min(end, j + 1) - Math.max(start, j);
      if (overlap > 0) taps.push({ index: j, weight: overlap / scale });
    }
    return taps;
  });
}

/** Pixel centres aligned (half-pixel convention); samples past the edge clamp to the border pixel. */
function bilinearTaps(side: number, size: number): Tap[][] {
  const scale = side / size;
  return Array.from({ length: size }, (_, i) => {
    const at = Math.min(side - 1, Math.max(0, (i + 0.5) * scale - 0.5));
    const left = Math.floor(at);
    const right = Math.min(side - 1, left + 1);
    const t = at - left;
    return t === 0
      ? [{ index: left, weight: 1 }]
      : [
          { index: left, weight: 1 - t },
          { index: right, weight: t },
        ];
  });
}

/**
 * The size to ask a JPEG decoder for (it decodes at a reduced DCT scale, 1/8 to 8/8, several times faster
 * than in full): a few times the training size on the short side, so the final high-quality resize still
 * averages many decoded pixels and nothing aliases. Null when a full decode is small enough already.
 * Chromium takes the largest scale whose frame has no more pixels than the size asked for: a 1024 × 768
 * JPEG asked for 342 × 256 (64 px training images) comes out 256 × 192, three times 64 on the short side.
 */
export function reducedDecodeSize(
  width: number,
  height: number,
  size: number,
): { width: number; height: number } | null {
  const short = Math.min(width, height);
  const wanted = REDUCED_DECODE_OVERSAMPLING * size;
  if (2 * wanted > short) return null;
  return { width: Math.ceil((width * wanted) / short), height: Math.ceil((height * wanted) / short) };
}

/** Decoded pixels per training pixel, on the short side, asked of a reduced decode (see above: it may give fewer). */
export const REDUCED_DECODE_OVERSAMPLING = 4;
