/**
 * Turns any decoded picture into a square training image: centre crop to a square (keeping the aspect
 * ratio, never stretching), transparent pixels composited on white, colour converted to the set's
 * channel count, then resized. Everything stays in floating point until one final rounding, so a picture
 * that is already the right size and format comes out unchanged.
 */

/** A decoded picture, 8 bits per channel, RGBA row-major (what pngjs and jpeg-js produce). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

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
  const square = cropToChannels(image, crop, channels);
  const resized = resizeSquare(square, crop.side, channels, size);
  const pixels = new Uint8Array(resized.length);
  for (let i = 0; i < resized.length; i++) pixels[i] = Math.round(resized[i]);
  return { pixels, upscaled: crop.side < size, side: crop.side };
}

/** The largest centred square; odd margins put the extra pixel on the right and bottom. */
export function centreSquare(width: number, height: number): { x: number; y: number; side: number } {
  const side = Math.min(width, height);
  return { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), side };
}

/** Crops, composites on white and converts colour: floats in 0..255 laid out [side, side, channels]. */
export function cropToChannels(
  image: RgbaImage,
  crop: { x: number; y: number; side: number },
  channels: 1 | 3,
): Float64Array {
  const { side } = crop;
  const out = new Float64Array(side * side * channels);
  let o = 0;
  for (let y = 0; y < side; y++) {
    let p = ((crop.y + y) * image.width + crop.x) * 4;
    for (let x = 0; x < side; x++, p += 4) {
      const alpha = image.data[p + 3] / 255;
      const white = 255 * (1 - alpha);
      const r = image.data[p] * alpha + white;
      const g = image.data[p + 1] * alpha + white;
      const b = image.data[p + 2] * alpha + white;
      if (channels === 1) {
        out[o++] = 0.299 * r + 0.587 * g + 0.114 * b;
      } else {
        out[o++] = r;
        out[o++] = g;
        out[o++] = b;
      }
    }
  }
  return out;
}

/**
 * Resizes a square [side, side, channels] float image to [size, size, channels]. Shrinking averages
 * each output pixel's exact footprint (a box filter, so thin strokes do not alias away); enlarging
 * interpolates bilinearly between pixel centres. Both are separable: rows first, then columns.
 */
export function resizeSquare(src: Float64Array, side: number, channels: number, size: number): Float64Array {
  const taps = side >= size ? boxTaps(side, size) : bilinearTaps(side, size);
  const rows = new Float64Array(side * size * channels); // [side, size, channels]
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < size; x++) {
      for (const { index, weight } of taps[x]) {
        const s = (y * side + index) * channels;
        const d = (y * size + x) * channels;
        for (let c = 0; c < channels; c++) rows[d + c] += weight * src[s + c];
      }
    }
  }
  const out = new Float64Array(size * size * channels); // [size, size, channels]
  for (let y = 0; y < size; y++) {
    for (const { index, weight } of taps[y]) {
      for (let x = 0; x < size; x++) {
        const s = (index * size + x) * channels;
        const d = (y * size + x) * channels;
        for (let c = 0; c < channels; c++) out[d + c] += weight * rows[s + c];
      }
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

/** Decoded pixels per training pixel, on the short side, that a reduced decode keeps at least. */
export const REDUCED_DECODE_OVERSAMPLING = 4;
