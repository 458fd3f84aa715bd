import { PNG } from 'pngjs';
import type { RgbaImage } from '../datasets/resize';

/** Decodes a PNG of any colour type and depth to 8-bit RGBA (pngjs expands palettes and rescales 16-bit). */
export function decodePng(bytes: Uint8Array): RgbaImage {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    // pngjs reports running out of data in terms of its internal streams.
    if (error instanceof Error && /read requests/.test(error.message)) {
      throw new Error('the file ends too early', { cause: error });
    }
    throw error;
  }
  return {
    width: png.width,
    height: png.height,
    data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length),
  };
}

/**
 * Encodes an opaque RGBA image as an 8-bit PNG without alpha: grayscale (colour type 0) when
 * `channels` is 1, which keeps sprites of gray images three times smaller before compression.
 */
export function encodePng(image: RgbaImage, channels: 1 | 3): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  const file = PNG.sync.write(png, {
    colorType: channels === 1 ? 0 : 2,
    inputColorType: 6,
    inputHasAlpha: true,
    deflateLevel: 9,
  });
  return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
}
