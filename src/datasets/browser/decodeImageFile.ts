/**
 * One file to one training image, in a worker: check name, signature and the size the header declares
 * (so a file claiming 100,000 × 100,000 pixels is never decoded), decode with the browser's own
 * decoders (so CMYK JPEG, 16-bit PNG, WebP, BMP and GIF work), centre-crop and resize in one
 * createImageBitmap call, composite on white, and keep only the small result. A large JPEG is decoded at
 * a reduced scale where the browser can, then cropped and resized in JavaScript (./reducedJpeg.ts).
 */
import { checkDeclaredSize, declaredImageSize, IMAGE_HEADER_BYTES, type DeclaredSize } from '../imageHeader';
import { MAX_JPEG_READ_BYTES } from '../limits';
import { centreSquare } from '../resize';
import {
  BROWSER_IMAGE_TYPES,
  checkImageContent,
  checkImageName,
  imageTypeLabel,
  type ImageFileType,
} from '../imageType';
import type { DecodeOutcome } from './decodeProtocol';
import { squarePixels } from './pixels';
import { decodeReducedJpeg, type FittedImage } from './reducedJpeg';
import { looksTruncated, TAIL_BYTES } from './truncation';

/** `prefetched`: the file's bytes, when the decode worker read them (read ahead, into its reused buffers). */
export async function decodeImageFile(
  path: string,
  file: Blob,
  size: number,
  channels: 1 | 3,
  prefetched?: Promise<Uint8Array>,
): Promise<DecodeOutcome> {
  const named = checkImageName(path, BROWSER_IMAGE_TYPES);
  if ('reason' in named) return { path, reason: named.reason };
  // A JPEG is read once, whole: its checks and its reduced decode all use these bytes. Each read of a
  // file is a round trip to the browser process; head, tail and whole file read apart were half the time.
  const readWhole = named.type === 'jpeg' && file.size <= MAX_JPEG_READ_BYTES;
  const whole = readWhole ? ((await prefetched) ?? new Uint8Array(await file.arrayBuffer())) : null;
  const checked = await checkBytes(named.type, file, whole);
  if ('problem' in checked) return { path, reason: checked.problem };
  if (whole && checked.declared) {
    const reduced = await decodeReducedJpeg(whole, checked.declared, size, channels);
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

/**
 * The header's checks, then the declared size (null when the header does not say). `whole`: the file's
 * bytes when already read; otherwise its head and tail are read, and the rest only when a JPEG's header
 * is not in its head.
 */
async function checkBytes(
  type: ImageFileType,
  file: Blob,
  whole: Uint8Array | null,
): Promise<{ problem: string } | { declared: DeclaredSize | null }> {
  const read = async (start: number, end: number) =>
    whole ? whole.subarray(start, end) : new Uint8Array(await file.slice(start, end).arrayBuffer());
  const head = await read(0, IMAGE_HEADER_BYTES);
  const problem = checkImageContent(type, head);
  if (problem) return { problem };
  // A JPEG's frame header may sit past long metadata: then the whole file is searched.
  const declared =
    declaredImageSize(type, head) ??
    (type === 'jpeg' && file.size > head.length ? declaredImageSize(type, await read(0, file.size)) : null);
  const tooLarge = declared && checkDeclaredSize(declared);
  if (tooLarge) return { problem: tooLarge };
  const tail = await read(Math.max(0, file.size - TAIL_BYTES), file.size);
  if (looksTruncated(type, tail))
    return { problem: `truncated ${imageTypeLabel(type)}: the file ends early` };
  return { declared };
}

async function fitBitmap(bitmap: ImageBitmap, size: number, channels: 1 | 3): Promise<FittedImage> {
  const { width, height } = bitmap;
  const { side } = centreSquare(width, height);
  return { pixels: await squarePixels(bitmap, width, height, size, channels), upscaled: side < size, side };
}
