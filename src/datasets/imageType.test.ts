import { describe, it, expect } from 'vitest';
import { checkImageContent, checkImageName, sniffImageType } from './imageType';

const PNG_HEAD = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const JPEG_HEAD = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);

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
