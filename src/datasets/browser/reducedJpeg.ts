/**
 * A large JPEG decoded at a reduced scale. createImageBitmap decodes every pixel of a 12-megapixel photo
 * even when asked for 64 × 64 (resize options included), while WebCodecs' ImageDecoder with a desired
 * size lets libjpeg skip most of the inverse DCT: about 2.5× faster in Chromium. Only used where the
 * result is plainly right: ImageDecoder exists, and the frame needs no EXIF rotation or flip (those take
 * the full-size path, which orients the picture as the browser shows it).
 *
 * The decoded frame's pixels are copied out and cropped and resized here (`fitImage`, the same box
 * filter as the Node importer). Drawing the frame on a canvas and reading it back took as long as the
 * decode itself.
 */
import { centreSquare, fitImage, reducedDecodeSize, type PixelLayout, type RgbaImage } from '../resize';
import type { DeclaredSize } from '../imageHeader';
import { scratchArray } from '../scratchArray';
import { squarePixels } from './pixels';

export interface FittedImage {
  pixels: Uint8Array;
  upscaled: boolean;
  side: number;
}

/** VideoFrame's orientation fields, newer than the DOM typings. */
type OrientedFrame = VideoFrame & { rotation?: number; flip?: boolean };

/** The fitted image, or null when this path does not apply (the caller decodes in full). */
export async function decodeReducedJpeg(
  bytes: Uint8Array,
  declared: DeclaredSize,
  size: number,
  channels: 1 | 3,
): Promise<FittedImage | null> {
  const target = reducedDecodeSize(declared.width, declared.height, size);
  if (!target || typeof ImageDecoder === 'undefined') return null;
  let frame: OrientedFrame;
  try {
    const decoder = new ImageDecoder({
      data: bytes,
      type: 'image/jpeg',
      desiredWidth: target.width,
      desiredHeight: target.height,
    });
    try {
      frame = (await decoder.decode()).image;
    } finally {
      decoder.close();
    }
  } catch {
    return null; // the full-size path decodes it or says why not
  }
  try {
    if (frame.rotation !== 0 || frame.flip !== false) return null;
    const side = centreSquare(declared.width, declared.height).side;
    const rgba = await framePixels(frame);
    const pixels = rgba
      ? fitImage(rgba, size, channels).pixels
      : await squarePixels(frame, frame.displayWidth, frame.displayHeight, size, channels);
    return { pixels, upscaled: side < size, side };
  } finally {
    frame.close();
  }
}

/** Frame copies, reused from one frame to the next (4 MB at most; a 4000 × 3000 photo's reduced frame is 750 kB). */
const frameBuffer = scratchArray((length) => new Uint8Array(length), 4 << 20);

/** Frame formats whose bytes `fitImage` reads as they are (Chromium decodes a JPEG to BGRX). */
const PIXEL_LAYOUTS: readonly PixelLayout[] = ['RGBA', 'RGBX', 'BGRA', 'BGRX'];

/** `VideoFrame.copyTo`'s conversion options (Chrome 127+), newer than the DOM typings. */
const TO_RGBA = { format: 'RGBA', colorSpace: 'srgb' } as VideoFrameCopyToOptions;

/**
 * The frame's visible pixels, as they are when already 8-bit RGB (a plain copy), else converted to sRGB
 * RGBA by the browser (five times slower); null where copyTo cannot convert (older browsers).
 */
async function framePixels(frame: VideoFrame): Promise<RgbaImage | null> {
  const rect = frame.visibleRect;
  if (!rect) return null;
  const layout = PIXEL_LAYOUTS.find((format) => format === frame.format);
  const options = layout ? {} : TO_RGBA;
  try {
    const data = frameBuffer(frame.allocationSize(options)); // [height, width, 4]
    const planes = await frame.copyTo(data, options);
    const packed = planes.length === 1 && planes[0].offset === 0 && planes[0].stride === rect.width * 4;
    if (!packed || data.length !== rect.width * rect.height * 4) return null;
    return { width: rect.width, height: rect.height, data, layout: layout ?? 'RGBA' };
  } catch {
    return null;
  }
}
