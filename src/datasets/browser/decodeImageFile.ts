/**
 * One file to one training image, in a worker: check name, signature and the size the header declares
 * (so a file claiming 100,000 × 100,000 pixels is never decoded), decode with the browser's own
 * decoders (so CMYK JPEG, 16-bit PNG, WebP, BMP and GIF work), centre-crop and resize in one
 * createImageBitmap call, composite on white, and keep only the small result. A large JPEG is decoded at
 * a reduced scale where the browser can (./reducedJpeg.ts), which is most of the time an import takes.
 */
import { checkDeclaredSize, declaredImageSize, IMAGE_HEADER_BYTES, type DeclaredSize } from '../imageHeader';
import { centreSquare } from '../resize';
import {
  BROWSER_IMAGE_TYPES,
  checkImageContent,
  checkImageName,
  imageTypeLabel,
  type ImageFileType,
} from '../imageType';
import type { DecodeOutcome } from './decodeProtocol';
import { bitmapPixels } from './pixels';
import { decodeReducedJpeg, type FittedImage } from './reducedJpeg';
import { looksTruncated, TAIL_BYTES } from './truncation';

export async function decodeImageFile(
  path: string,
  file: Blob,
  size: number,
  channels: 1 | 3,
): Promise<DecodeOutcome> {
  const named = checkImageName(path, BROWSER_IMAGE_TYPES);
  if ('reason' in named) return { path, reason: named.reason };
  const checked = await checkBytes(named.type, file);
  if ('problem' in checked) return { path, reason: checked.problem };
  if (named.type === 'jpeg' && checked.declared) {
    const reduced = await decodeReducedJpeg(file, checked.declared, size, channels);
    if (reduced) return { path, ...reduced };
  }
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

/** The header's checks, then the declared size (null when the header does not say). */
async function checkBytes(
  type: ImageFileType,
  file: Blob,
): Promise<{ problem: string } | { declared: DeclaredSize | null }> {
  const head = new Uint8Array(await file.slice(0, IMAGE_HEADER_BYTES).arrayBuffer());
  const problem = checkImageContent(type, head);
  if (problem) return { problem };
  const declared = await readDeclaredSize(type, file, head);
  const tooLarge = declared && checkDeclaredSize(declared);
  if (tooLarge) return { problem: tooLarge };
  const tail = new Uint8Array(await file.slice(Math.max(0, file.size - TAIL_BYTES)).arrayBuffer());
  if (looksTruncated(type, tail))
    return { problem: `truncated ${imageTypeLabel(type)}: the file ends early` };
  return { declared };
}

/** The header's size; a JPEG's frame header may sit past long metadata. */
async function readDeclaredSize(
  type: ImageFileType,
  file: Blob,
  head: Uint8Array,
): Promise<DeclaredSize | null> {
  const whole = type === 'jpeg' && declaredImageSize(type, head) === null && file.size > head.length;
  return declaredImageSize(type, whole ? new Uint8Array(await file.arrayBuffer()) : head);
}

async function fitBitmap(bitmap: ImageBitmap, size: number, channels: 1 | 3): Promise<FittedImage> {
  const crop = centreSquare(bitmap.width, bitmap.height);
  // The browser's high-quality resize averages a large footprint, so a 4000 px photo does not alias.
  const small = await createImageBitmap(bitmap, crop.x, crop.y, crop.side, crop.side, {
    resizeWidth: size,
    resizeHeight: size,
    resizeQuality: 'high',
  });
  return { pixels: bitmapPixels(small, size, channels), upscaled: crop.side < size, side: crop.side };
}
