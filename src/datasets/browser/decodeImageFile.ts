/**
 * One file to one training image, in a worker: check name, signature and the size the header declares
 * (so a file claiming 100,000 × 100,000 pixels is never decoded), decode with the browser's own
 * decoders (so CMYK JPEG, 16-bit PNG, WebP, BMP and GIF work), centre-crop and resize in one
 * createImageBitmap call, composite on white, and keep only the small result.
 */
import { declaredImageSize, IMAGE_HEADER_BYTES, imageSizeProblem } from '../imageHeader';
import { centreSquare } from '../resize';
import {
  BROWSER_IMAGE_TYPES,
  checkImageContent,
  checkImageName,
  imageTypeLabel,
  type ImageFileType,
} from '../imageType';
import type { DecodeOutcome } from './decodeProtocol';
import { rgbaToChannels } from './pixels';
import { looksTruncated, TAIL_BYTES } from './truncation';

export async function decodeImageFile(
  path: string,
  file: Blob,
  size: number,
  channels: 1 | 3,
): Promise<DecodeOutcome> {
  const named = checkImageName(path, BROWSER_IMAGE_TYPES);
  if ('reason' in named) return { path, reason: named.reason };
  const problem = await checkBytes(named.type, file);
  if (problem) return { path, reason: problem };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { path, reason: `corrupt ${imageTypeLabel(named.type)}: the browser could not decode it` };
  }
  try {
    return { path, ...(await fitBitmap(bitmap, size, channels)) };
  } finally {
    bitmap.close();
  }
}

async function checkBytes(type: ImageFileType, file: Blob): Promise<string | null> {
  const head = new Uint8Array(await file.slice(0, IMAGE_HEADER_BYTES).arrayBuffer());
  const problem = checkImageContent(type, head) ?? (await sizeProblem(type, file, head));
  if (problem) return problem;
  const tail = new Uint8Array(await file.slice(Math.max(0, file.size - TAIL_BYTES)).arrayBuffer());
  return looksTruncated(type, tail) ? `truncated ${imageTypeLabel(type)}: the file ends early` : null;
}

/** The header's size against the pixel limit; a JPEG's frame header may sit past long metadata. */
async function sizeProblem(type: ImageFileType, file: Blob, head: Uint8Array): Promise<string | null> {
  const whole = type === 'jpeg' && declaredImageSize(type, head) === null && file.size > head.length;
  return imageSizeProblem(type, whole ? new Uint8Array(await file.arrayBuffer()) : head);
}

async function fitBitmap(
  bitmap: ImageBitmap,
  size: number,
  channels: 1 | 3,
): Promise<{ pixels: Uint8Array; upscaled: boolean; side: number }> {
  const crop = centreSquare(bitmap.width, bitmap.height);
  const upscaled = crop.side < size;
  // The browser's high-quality resize averages a large footprint, so a 4000 px photo does not alias.
  const small = await createImageBitmap(bitmap, crop.x, crop.y, crop.side, crop.side, {
    resizeWidth: size,
    resizeHeight: size,
    resizeQuality: 'high',
  });
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, size, size);
  context.drawImage(small, 0, 0);
  small.close();
  const rgba = context.getImageData(0, 0, size, size).data; // [size, size, 4]
  return { pixels: rgbaToChannels(rgba, channels), upscaled, side: crop.side };
}
