import jpeg from 'jpeg-js';
import type { ImageFileType } from '../datasets/imageType';
import { MAX_IMAGE_PIXELS } from '../datasets/limits';
import type { RgbaImage } from '../datasets/resize';
import { decodePng } from './png';

/** Refuses pictures whose decoded pixels would not fit comfortably in memory (width × height). */
const MAX_MEGAPIXELS = MAX_IMAGE_PIXELS / 1e6;

/** Decodes PNG or JPEG bytes to 8-bit RGBA; throws on corrupt data. */
export function decodeImage(type: ImageFileType, bytes: Uint8Array): RgbaImage {
  const image =
    type === 'png'
      ? decodePng(bytes)
      : jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_MEGAPIXELS });
  if (image.width < 1 || image.height < 1) throw new Error(`image is ${image.width}×${image.height}`);
  if (image.width * image.height > MAX_MEGAPIXELS * 1e6) {
    throw new Error(`image is ${image.width}×${image.height}, over ${MAX_MEGAPIXELS} megapixels`);
  }
  return image;
}
