import type { Thumbnails } from '../../worker/protocol';

/** RGBA pixels ready for `new ImageData(rgba, width, height)`; plain data so it can be built in tests. */
export interface RgbaImage {
  rgba: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
}

/** One image of a thumbnail batch as RGBA (grey repeated into red, green and blue). */
export function thumbnailRgba(thumbnails: Thumbnails, index: number): RgbaImage {
  const { size, channels, pixels } = thumbnails;
  const rgba = new Uint8ClampedArray(size * size * 4);
  writeRgba(rgba, 0, size, pixels, index * size * size * channels, size, channels, 1);
  return { rgba, width: size, height: size };
}

/**
 * One augmented patch of an inspection batch, as the encoder sees it: floats in [0, 1] scaled to bytes
 * (the clamp of Uint8ClampedArray keeps stray values in range). `pool` is the patch's index in the batch.
 */
export function patchRgba(
  patches: Float32Array,
  pool: number,
  patchSize: number,
  channels: 1 | 3,
): RgbaImage {
  const rgba = new Uint8ClampedArray(patchSize * patchSize * 4);
  const offset = pool * patchSize * patchSize * channels;
  writeRgba(rgba, 0, patchSize, patches, offset, patchSize, channels, 255);
  return { rgba, width: patchSize, height: patchSize };
}

/**
 * One image's patches laid out as its grid, `gap` white pixels apart: the mosaic the patch-grid panel
 * draws. Pool index of cell (row, col) of batch image b is (b·G + row)·G + col.
 */
export function patchMosaicRgba(
  patches: Float32Array,
  image: number,
  grid: number,
  patchSize: number,
  channels: 1 | 3,
  gap: number,
): RgbaImage {
  const width = grid * patchSize + (grid - 1) * gap;
  const rgba = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let row = 0; row < grid; row++) {
    for (let col = 0; col < grid; col++) {
      const pool = (image * grid + row) * grid + col;
      const target = (row * (patchSize + gap) * width + col * (patchSize + gap)) * 4;
      const source = pool * patchSize * patchSize * channels;
      writeRgba(rgba, target, width, patches, source, patchSize, channels, 255);
    }
  }
  return { rgba, width, height: width };
}

/** Copies a square of `side` pixels into `out` at byte offset `target`, whose rows are `outWidth` wide. */
function writeRgba(
  out: Uint8ClampedArray,
  target: number,
  outWidth: number,
  values: ArrayLike<number>,
  source: number,
  side: number,
  channels: 1 | 3,
  scale: number,
): void {
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const s = source + (y * side + x) * channels;
      const d = target + (y * outWidth + x) * 4;
      out[d] = values[s] * scale;
      out[d + 1] = values[s + (channels === 3 ? 1 : 0)] * scale;
      out[d + 2] = values[s + (channels === 3 ? 2 : 0)] * scale;
      out[d + 3] = 255;
    }
  }
}

/** All images of a thumbnail batch on one sheet, `perRow` to a row (the evaluation-set picker). */
export function thumbnailSheetRgba(thumbnails: Thumbnails, perRow: number): RgbaImage {
  const { count, size, channels, pixels } = thumbnails;
  const width = perRow * size;
  const height = Math.ceil(count / perRow) * size;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < count; i++) {
    const target = (Math.floor(i / perRow) * size * width + (i % perRow) * size) * 4;
    writeRgba(rgba, target, width, pixels, i * size * size * channels, size, channels, 1);
  }
  return { rgba, width, height };
}
