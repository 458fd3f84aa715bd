import type { ImageFileType } from '../imageType';

/** How many bytes from the end of a file `looksTruncated` needs. */
export const TAIL_BYTES = 4096;

const IEND = [0x49, 0x45, 0x4e, 0x44];

/**
 * Browsers happily draw a cut-off PNG or JPEG (the missing part grey or transparent), so a truncated
 * download would slip into the set unnoticed. A complete PNG ends with its IEND chunk (type + CRC); a
 * complete JPEG has its end-of-image marker at or near the end (some cameras append a little data after
 * it). Other formats are left to the decoder.
 */
export function looksTruncated(type: ImageFileType, tail: Uint8Array): boolean {
  if (type === 'png') {
    const at = tail.length - 8;
    return at < 0 || IEND.some((b, i) => tail[at + i] !== b);
  }
  if (type === 'jpeg') {
    for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return false;
    return true;
  }
  return false;
}
