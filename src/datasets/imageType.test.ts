import { describe, it, expect } from 'vitest';
import { BROWSER_IMAGE_TYPES, checkImageContent, checkImageName, sniffImageType } from './imageType';

const PNG_HEAD = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const JPEG_HEAD = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const WEBP_HEAD = ascii('RIFF\x24\x01\x00\x00WEBPVP8 ');
const GIF_HEAD = ascii('GIF89a\x01\x00');
const BMP_HEAD = ascii('BM\x36\x00\x00\x00');

describe('checkImageName', () => {
  it('accepts .png, .jpg and .jpeg in any case', () => {
    expect(checkImageName('a/b.PNG')).toEqual({ type: 'png' });
    expect(checkImageName('c.jpg')).toEqual({ type: 'jpeg' });
    expect(checkImageName('d.JPeG')).toEqual({ type: 'jpeg' });
  });

  it('gives a reason for other names', () => {
    expect(checkImageName('notes.txt')).toEqual({ reason: 'not a PNG or JPEG file (.txt)' });
    expect(checkImageName('dir.png/README')).toEqual({ reason: 'not a PNG or JPEG file (no extension)' });
    expect(checkImageName('x/.png')).toEqual({ reason: 'not a PNG or JPEG file (no extension)' });
  });
});

describe('checkImageContent', () => {
  it('accepts matching signatures', () => {
    expect(checkImageContent('png', PNG_HEAD)).toBeNull();
    expect(checkImageContent('jpeg', JPEG_HEAD)).toBeNull();
  });

  it('explains empty, unrecognised and mismatched files', () => {
    expect(checkImageContent('jpeg', new Uint8Array(0))).toBe('empty file (0 bytes)');
    expect(checkImageContent('png', new TextEncoder().encode('hello'))).toBe(
      'not a PNG image (unrecognised content)',
    );
    expect(checkImageContent('png', JPEG_HEAD)).toBe('content is JPEG but the extension says PNG');
  });

  it('does not read past a short file', () => {
    expect(sniffImageType(PNG_HEAD.subarray(0, 4))).toBeNull();
  });
});

describe('browser image types', () => {
  it('accepts WebP, GIF and BMP names only when asked to', () => {
    expect(checkImageName('a.webp', BROWSER_IMAGE_TYPES)).toEqual({ type: 'webp' });
    expect(checkImageName('a.GIF', BROWSER_IMAGE_TYPES)).toEqual({ type: 'gif' });
    expect(checkImageName('a.bmp', BROWSER_IMAGE_TYPES)).toEqual({ type: 'bmp' });
    expect(checkImageName('a.webp')).toEqual({ reason: 'not a PNG or JPEG file (.webp)' });
    expect(checkImageName('a.tiff', BROWSER_IMAGE_TYPES)).toEqual({
      reason: 'not a PNG, JPEG, WebP, GIF or BMP file (.tiff)',
    });
  });

  it('sniffs WebP (RIFF with any length, then WEBP), GIF and BMP', () => {
    expect(sniffImageType(WEBP_HEAD)).toBe('webp');
    expect(sniffImageType(GIF_HEAD)).toBe('gif');
    expect(sniffImageType(BMP_HEAD)).toBe('bmp');
    expect(sniffImageType(ascii('RIFF\x24\x01\x00\x00WAVEfmt '))).toBeNull();
    expect(checkImageContent('webp', GIF_HEAD)).toBe('content is GIF but the extension says WebP');
  });
});
