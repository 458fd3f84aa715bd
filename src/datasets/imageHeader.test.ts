import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../cpc/archive/crc32';
import { checkDeclaredSize, declaredImageSize, imageSizeProblem } from './imageHeader';
import { BROWSER_IMAGE_TYPES } from './imageType';

const u16le = (n: number) => [n & 255, (n >> 8) & 255];
const u24le = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255];
const u32le = (n: number) => [...u16le(n & 0xffff), ...u16le(n >>> 16)];
const u32be = (n: number) => [n >>> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** A PNG that is only its signature and IHDR chunk: all a hostile file needs to claim a size. */
function pngHeader(width: number, height: number): Uint8Array {
  const chunk = [...ascii('IHDR'), ...u32be(width), ...u32be(height), 8, 2, 0, 0, 0];
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return Uint8Array.from([...signature, ...u32be(13), ...chunk, ...u32be(crc32(Uint8Array.from(chunk)))]);
}

function bmpHeader(width: number, height: number): Uint8Array {
  return Uint8Array.from([
    ...ascii('BM'),
    ...u32le(54),
    0,
    0,
    0,
    0,
    ...u32le(54),
    ...u32le(40),
    ...u32le(width),
    ...u32le(height),
  ]);
}

function webpHeader(chunk: 'VP8X' | 'VP8L' | 'VP8 ', width: number, height: number): Uint8Array {
  const body =
    chunk === 'VP8X'
      ? [0, 0, 0, 0, ...u24le(width - 1), ...u24le(height - 1)]
      : chunk === 'VP8L'
        ? [0x2f, ...u32le(((width - 1) | ((height - 1) << 14)) >>> 0)]
        : [0, 0, 0, 0x9d, 0x01, 0x2a, ...u16le(width), ...u16le(height)];
  const header = [...ascii('RIFF'), ...u32le(0), ...ascii('WEBP'), ...ascii(chunk), ...u32le(0), ...body];
  return Uint8Array.from([...header, ...new Array(8).fill(0)]); // some image data after the header
}

/** A JPEG's start: SOI, metadata segments of the given lengths, then a baseline frame header. */
function jpegHeader(width: number, height: number, metadata: number[] = []): Uint8Array {
  const segments = metadata.flatMap((length) => [
    0xff,
    0xe1,
    length >> 8,
    length & 255,
    ...new Array(length - 2).fill(0),
  ]);
  const frame = [0xff, 0xc0, 0, 17, 8, height >> 8, height & 255, width >> 8, width & 255, 3];
  return Uint8Array.from([0xff, 0xd8, ...segments, ...frame, ...new Array(9).fill(0)]);
}

describe('declaredImageSize', () => {
  it('reads real PNG and JPEG files', () => {
    const png = new PNG({ width: 37, height: 21 });
    expect(declaredImageSize('png', PNG.sync.write(png))).toEqual({ width: 37, height: 21 });
    const data = Buffer.alloc(37 * 21 * 4);
    expect(declaredImageSize('jpeg', jpeg.encode({ width: 37, height: 21, data }, 80).data)).toEqual({
      width: 37,
      height: 21,
    });
    const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAAAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
    expect(declaredImageSize('gif', gif)).toEqual({ width: 1, height: 1 });
  });

  it('reads every format a header can claim a size in', () => {
    expect(declaredImageSize('png', pngHeader(100_000, 100_000))).toEqual({
      width: 100_000,
      height: 100_000,
    });
    expect(declaredImageSize('bmp', bmpHeader(5, -7))).toEqual({ width: 5, height: 7 });
    for (const chunk of ['VP8X', 'VP8L', 'VP8 '] as const)
      expect(declaredImageSize('webp', webpHeader(chunk, 300, 200))).toEqual({ width: 300, height: 200 });
    expect(declaredImageSize('jpeg', jpegHeader(640, 480, [300, 65_000]))).toEqual({
      width: 640,
      height: 480,
    });
    expect(declaredImageSize('png', pngHeader(1, 1).subarray(0, 20))).toBeNull();
    const garbled = pngHeader(100_000, 100_000);
    garbled[17] ^= 1; // the checksum no longer holds: no size is trusted, and the decoder reports corruption
    expect(declaredImageSize('png', garbled)).toBeNull();
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BROWSER_IMAGE_TYPES),
        fc.uint8Array({ maxLength: 64 }),
        (type, bytes) => {
          const size = declaredImageSize(type, bytes);
          if (size) expect(Number.isInteger(size.width) && Number.isInteger(size.height)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds a JPEG frame header behind any metadata segments', () => {
    const side = fc.integer({ min: 0, max: 0xffff });
    const metadata = fc.array(fc.integer({ min: 2, max: 3000 }), { maxLength: 5 });
    fc.assert(
      fc.property(side, side, metadata, (width, height, lengths) => {
        expect(declaredImageSize('jpeg', jpegHeader(width, height, lengths))).toEqual({ width, height });
      }),
      { numRuns: 100 },
    );
  });
});

describe('imageSizeProblem', () => {
  it('skips a header that claims 100,000 × 100,000 pixels, and lets a 48-megapixel photo through', () => {
    expect(imageSizeProblem('png', pngHeader(100_000, 100_000))).toBe(
      'declares 100,000 × 100,000 pixels (10,000 megapixels); images over 64 megapixels are skipped',
    );
    expect(checkDeclaredSize({ width: 8064, height: 6048 })).toBeNull();
    expect(imageSizeProblem('png', pngHeader(1, 1).subarray(0, 8))).toBeNull();
  });
});
