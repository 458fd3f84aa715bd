/**
 * An image's size as its header declares it, read from the first bytes without decoding, so a file that
 * claims 100,000 × 100,000 pixels is skipped before a decoder allocates for it.
 */
import { crc32 } from '../cpc/archive/crc32';
import { MAX_IMAGE_PIXELS } from './limits';
import type { ImageFileType } from './imageType';

export interface DeclaredSize {
  width: number;
  height: number;
}

/** How many leading bytes `declaredImageSize` is given first; JPEGs with big metadata may need more. */
export const IMAGE_HEADER_BYTES = 64 * 1024;
/** JPEG segments walked before the frame header at most (metadata comes first, a few dozen at most). */
const MAX_JPEG_SEGMENTS = 1000;

/** The declared size, or null when the bytes do not hold it (too few, or not a header this reads). */
export function declaredImageSize(type: ImageFileType, bytes: Uint8Array): DeclaredSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (end: number) => bytes.length >= end;
  switch (type) {
    case 'png':
      return pngSize(bytes, view);
    case 'gif': // logical screen size, little-endian
      return has(10) ? { width: view.getUint16(6, true), height: view.getUint16(8, true) } : null;
    case 'bmp':
      return bmpSize(view);
    case 'webp':
      return webpSize(bytes, view);
    case 'jpeg':
      return jpegSize(view);
  }
}

/** A reason to skip an image whose header declares more pixels than the limit, else null. */
export function imageSizeProblem(type: ImageFileType, bytes: Uint8Array): string | null {
  const size = declaredImageSize(type, bytes);
  return size && checkDeclaredSize(size);
}

/** A reason to skip an image whose declared size is over the limit, else null. */
export function checkDeclaredSize({ width, height }: DeclaredSize): string | null {
  const pixels = width * height;
  if (pixels <= MAX_IMAGE_PIXELS) return null;
  const megapixels = (pixels / 1e6).toLocaleString('en', { maximumFractionDigits: 0 });
  return (
    `declares ${width.toLocaleString('en')} × ${height.toLocaleString('en')} pixels (${megapixels} ` +
    `megapixels); images over ${MAX_IMAGE_PIXELS / 1e6} megapixels are skipped`
  );
}

/** From the IHDR chunk (width and height big-endian), trusted only when its checksum holds. */
function pngSize(bytes: Uint8Array, view: DataView): DeclaredSize | null {
  const IHDR = 0x49484452;
  if (bytes.length < 33 || view.getUint32(12) !== IHDR) return null;
  if (crc32(bytes.subarray(12, 29)) !== view.getUint32(29)) return null; // garbage: the decoder says so
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function bmpSize(view: DataView): DeclaredSize | null {
  if (view.byteLength < 26) return null;
  // BITMAPCOREHEADER (12 bytes) has 16-bit sides; later headers 32-bit, height negative for top-down.
  if (view.getUint32(14, true) === 12)
    return { width: view.getUint16(18, true), height: view.getUint16(20, true) };
  return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
}

function webpSize(bytes: Uint8Array, view: DataView): DeclaredSize | null {
  if (view.byteLength < 30) return null;
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk === 'VP8X') return { width: 1 + uint24(view, 24), height: 1 + uint24(view, 27) };
  if (chunk === 'VP8 ')
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true); // after the 0x2f signature byte: 14 bits each, minus one
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  return null;
}

function uint24(view: DataView, at: number): number {
  return view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getUint8(at + 2) << 16);
}

/** Walks the segments to the first frame header (SOF0–SOF15 but DHT, JPG and DAC). */
function jpegSize(view: DataView): DeclaredSize | null {
  let at = 2;
  for (let segment = 0; segment < MAX_JPEG_SEGMENTS && at + 4 <= view.byteLength; segment++) {
    if (view.getUint8(at) !== 0xff) return null;
    const marker = view.getUint8(at + 1);
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before any frame
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame)
      return at + 9 <= view.byteLength
        ? { width: view.getUint16(at + 7), height: view.getUint16(at + 5) }
        : null;
    at += 2 + view.getUint16(at + 2);
  }
  return null;
}
