import { centreSquare } from '../resize';

/**
 * RGBA bytes (already composited on white, so alpha is opaque) to the set's channel layout. Grayscale
 * uses the BT.601 luma weights, the same as `withChannels`, so an imported grey image matches a built-in.
 */
export function rgbaToChannels(rgba: Uint8Array | Uint8ClampedArray, channels: 1 | 3): Uint8Array {
  const n = rgba.length / 4;
  const out = new Uint8Array(n * channels);
  for (let i = 0, p = 0; i < n; i++, p += 4) {
    if (channels === 1) {
      out[i] = Math.round(0.299 * rgba[p] + 0.587 * rgba[p + 1] + 0.114 * rgba[p + 2]);
    } else {
      out[3 * i] = rgba[p];
      out[3 * i + 1] = rgba[p + 1];
      out[3 * i + 2] = rgba[p + 2];
    }
  }
  return out;
}

/** Composites a size × size bitmap on white and reads it back in the set's channels; closes it. */
export function bitmapPixels(small: ImageBitmap, size: number, channels: 1 | 3): Uint8Array {
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, size, size);
  context.drawImage(small, 0, 0);
  small.close();
  const rgba = context.getImageData(0, 0, size, size).data; // [size, size, 4]
  return rgbaToChannels(rgba, channels);
}

/**
 * The centred square of a picture, cropped and resized by the browser in one createImageBitmap call,
 * read back in the set's channels. Its high-quality resize averages a large footprint, so a 4000 px
 * photo does not alias.
 */
export async function squarePixels(
  picture: ImageBitmap | VideoFrame,
  width: number,
  height: number,
  size: number,
  channels: 1 | 3,
): Promise<Uint8Array> {
  const crop = centreSquare(width, height);
  const small = await createImageBitmap(picture, crop.x, crop.y, crop.side, crop.side, {
    resizeWidth: size,
    resizeHeight: size,
    resizeQuality: 'high',
  });
  return bitmapPixels(small, size, channels);
}
