import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BROWSER_IMAGE_TYPES,
  checkImageContent,
  checkImageName,
  NODE_IMAGE_TYPES,
  sniffImageType,
  type ImageFileType,
} from './imageType';

const EXTENSIONS: Record<string, ImageFileType> = {
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  webp: 'webp',
  gif: 'gif',
  bmp: 'bmp',
};
const SIGNATURES: Record<ImageFileType, number[]> = {
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff],
  webp: [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50],
  gif: [0x47, 0x49, 0x46, 0x38],
  bmp: [0x42, 0x4d],
};

/** The extension in any mix of cases, as cameras and old systems write it. */
const anyCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((upper) => [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));
const stem = fc.stringMatching(/^[^/]{1,8}$/);
const folder = fc
  .array(fc.stringMatching(/^[^/]{1,5}$/), { maxLength: 2 })
  .map((parts) => parts.map((p) => `${p}/`).join(''));
const supportedList = fc.constantFrom(NODE_IMAGE_TYPES, BROWSER_IMAGE_TYPES);

describe('checkImageName', () => {
  it('types a file by its extension, whatever its case, folders and stem', () => {
    const known = fc.constantFrom(...Object.keys(EXTENSIONS)).chain(anyCase);
    fc.assert(
      fc.property(folder, stem, known, supportedList, (dir, name, ext, supported) => {
        const type = EXTENSIONS[ext.toLowerCase()];
        const result = checkImageName(`${dir}${name}.${ext}`, supported);
        expect(result).toEqual(
          supported.includes(type) ? { type } : { reason: expect.stringContaining(`.${ext.toLowerCase()}`) },
        );
      }),
      { numRuns: 300 },
    );
  });

  it('gives any other name a reason, never a type', () => {
    const name = fc.string().filter((n) => !/\.(png|jpe?g|webp|gif|bmp)$/i.test(n));
    fc.assert(
      fc.property(name, supportedList, (path, supported) => {
        expect(checkImageName(path, supported)).toHaveProperty('reason');
      }),
      { numRuns: 300 },
    );
  });
});

describe('sniffImageType and checkImageContent', () => {
  it('recognise each signature whatever follows, and accept a file whose content matches its name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BROWSER_IMAGE_TYPES), fc.uint8Array({ maxLength: 20 }), (type, tail) => {
        const bytes = Uint8Array.from([...SIGNATURES[type], ...tail]);
        expect(sniffImageType(bytes)).toBe(type);
        expect(checkImageContent(type, bytes)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('give a reason, never a throw, for any bytes under any expected type', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BROWSER_IMAGE_TYPES),
        fc.uint8Array({ maxLength: 16 }),
        (type, bytes) => {
          const problem = checkImageContent(type, bytes);
          expect(problem === null).toBe(sniffImageType(bytes) === type);
        },
      ),
      { numRuns: 300 },
    );
  });
});
