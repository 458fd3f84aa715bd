/**
 * An imported set's pixels, held once for the page and the training worker. Where the page is cross-origin
 * isolated (the app's server sends COOP and COEP), the set is packed into a SharedArrayBuffer: the page
 * sends it to the training worker without a copy, and neither ever writes it. Elsewhere it is a plain
 * buffer, and the worker gets a copy of its own, as before.
 * A set kept on disk (StoredPixels) is neither: the page and the worker name its file.
 */
import { isStored, type StoredPixels } from '../cpc/data/imageSet';

/** Whether the pixels are a SharedArrayBuffer's: others read them too, so they must not be written. */
export function isShared(pixels: Uint8Array | StoredPixels): boolean {
  return (
    !isStored(pixels) &&
    typeof SharedArrayBuffer !== 'undefined' &&
    pixels.buffer instanceof SharedArrayBuffer
  );
}

/** A buffer of `length` zero bytes, shared when `isolated` (the context may share memory with others). */
export function allocateShareable(length: number, isolated: boolean): Uint8Array {
  if (isolated && typeof SharedArrayBuffer !== 'undefined')
    return new Uint8Array(new SharedArrayBuffer(length));
  return new Uint8Array(length);
}

/** The set, its pixels copied into shared memory if `like`'s are shared and its are not. */
export function sharedLike<T extends { pixels: Uint8Array | StoredPixels }>(
  set: T,
  like: Uint8Array | StoredPixels,
): T {
  if (!isShared(like) || isStored(set.pixels) || isShared(set.pixels)) return set;
  const pixels = allocateShareable(set.pixels.length, true);
  pixels.set(set.pixels);
  return { ...set, pixels };
}

/** The pixels in a plain buffer: IndexedDB cannot store a SharedArrayBuffer. */
export function unshared(pixels: Uint8Array): Uint8Array {
  return isShared(pixels) ? new Uint8Array(pixels) : pixels;
}
