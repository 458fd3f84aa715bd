import { describe, it, expect } from 'vitest';
import type { ImageSet } from '../cpc/data/imageSet';
import {
  imageSetToSprite,
  parseManifest,
  splitByManifest,
  spriteToImageSet,
  type DatasetManifest,
} from './format';
import { bytesOf } from '../cpc/testing/bytesOf';

function patternSet(count: number, size: number, channels: 1 | 3): ImageSet {
  const pixels = new Uint8Array(count * size * size * channels);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37 + 11) % 256;
  const labels = Int32Array.from({ length: count }, (_, i) => i % 3);
  return { pixels, count, size, channels, labels, classNames: ['a', 'b', 'c'] };
}

function manifestFor(set: ImageSet, columns: number, train: number): DatasetManifest {
  return {
    format: 'cpc-playground-dataset',
    version: 1,
    name: 'toy',
    title: 'Toy',
    licence: 'MIT',
    source: 'test',
    size: set.size,
    channels: set.channels,
    count: set.count,
    columns,
    classNames: set.classNames,
    labels: Array.from(set.labels ?? []),
    split: { train, test: set.count - train },
  };
}

describe('sprite round trip', () => {
  it.each([1, 3] as const)('ImageSet → sprite → ImageSet is exact with %i channel(s)', (channels) => {
    const set = patternSet(7, 3, channels);
    const sprite = imageSetToSprite(set);
    // 7 tiles → 3 columns (⌈√7⌉), 3 rows of 3 px.
    expect([sprite.columns, sprite.width, sprite.height]).toEqual([3, 9, 9]);
    const back = spriteToImageSet(
      manifestFor(set, sprite.columns, 5),
      sprite.rgba,
      sprite.width,
      sprite.height,
    );
    expect(back.pixels).toEqual(set.pixels);
    expect(back.labels).toEqual(set.labels);
    expect(back.classNames).toEqual(set.classNames);
    expect([back.count, back.size, back.channels]).toEqual([7, 3, channels]);
  });

  it('places tile i at row ⌊i/columns⌋, column i mod columns, opaque, gray copied to R, G and B', () => {
    const set = patternSet(5, 2, 1);
    const { rgba, width } = imageSetToSprite(set); // 3 columns, 6×4 px
    // Tile 4 → row 1, column 1: its pixel (0, 1) is sprite pixel (x 3, y 2) and image byte 4·4 + 1 = 17.
    const p = (2 * width + 3) * 4;
    const v = bytesOf(set)[17];
    expect(Array.from(rgba.subarray(p, p + 4))).toEqual([v, v, v, 255]);
    // The unused sixth tile stays opaque black.
    const q = (2 * width + 5) * 4;
    expect(Array.from(rgba.subarray(q, q + 4))).toEqual([0, 0, 0, 255]);
  });

  it('rejects a sprite too small for its tiles or with the wrong byte count', () => {
    const set = patternSet(4, 2, 1);
    const { rgba, width, height } = imageSetToSprite(set);
    expect(() => spriteToImageSet(manifestFor(set, 4, 4), rgba, width, height)).toThrow(/too small/);
    expect(() => spriteToImageSet(manifestFor(set, 2, 4), rgba.subarray(4), width, height)).toThrow(
      /should hold 64 bytes \(4 a pixel\)/,
    );
  });

  it('splits into the first `train` and the next `test` images', () => {
    const set = patternSet(5, 2, 3);
    const { train, test } = splitByManifest(set, { train: 3, test: 2 });
    expect(train.count).toBe(3);
    expect(test.count).toBe(2);
    expect(bytesOf(test)).toEqual(bytesOf(set).slice(3 * 12, 5 * 12));
    expect(Array.from(test.labels ?? [])).toEqual([0, 1]);
  });
});

describe('parseManifest', () => {
  const good = manifestFor(patternSet(4, 2, 1), 2, 3);
  const withField = (key: string, value: unknown): unknown => ({ ...good, [key]: value });

  it('accepts a valid manifest and returns an equal copy', () => {
    expect(parseManifest(JSON.parse(JSON.stringify(good)))).toEqual(good);
  });

  it.each([
    ['not an object', [1, 2], /must be a JSON object/],
    ['wrong format', withField('format', 'zip'), /format must be 'cpc-playground-dataset'/],
    ['future version', withField('version', 2), /unsupported version 2/],
    ['empty name', withField('name', ' '), /name must be a non-empty string/],
    ['missing licence', withField('licence', undefined), /licence must be a non-empty string, got nothing/],
    ['fractional size', withField('size', 2.5), /size must be an integer ≥ 1, got 2.5/],
    ['zero count', withField('count', 0), /count must be an integer ≥ 1/],
    ['channels 2', withField('channels', 2), /channels must be 1 or 3, got 2/],
    ['empty classNames', withField('classNames', []), /classNames must be a non-empty array/],
    ['duplicate classNames', withField('classNames', ['a', 'a', 'c']), /classNames must be unique/],
    ['labels of wrong length', withField('labels', [0, 1]), /labels must be an array of 4 class indices/],
    ['label out of range', withField('labels', [0, 1, 3, 0]), /labels\[2\] = 3 is not a class index in 0..2/],
    ['split not an object', withField('split', 3), /split must be a JSON object/],
    ['negative split', withField('split', { train: -1, test: 5 }), /split.train must be an integer ≥ 0/],
    [
      'split not summing to count',
      withField('split', { train: 3, test: 2 }),
      /train 3 \+ test 2 must equal count 4/,
    ],
  ])('rejects %s', (_, json, message) => {
    expect(() => parseManifest(json)).toThrow(message);
  });
});
