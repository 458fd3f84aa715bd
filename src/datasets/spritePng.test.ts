import { readFileSync } from 'node:fs';
import { PNG, type PNGOptions } from 'pngjs';
import { promisify } from 'node:util';
import { inflate as zlibInflate } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeSpritePng as decodeWith } from './spritePng';

const inflate = promisify(zlibInflate);
const decodeSpritePng = (file: Uint8Array) => decodeWith(file, inflate);

/** A PNG of `samples` (gray or RGB) written by pngjs with one row filter for every row. */
function pngOf(width: number, height: number, channels: 1 | 3, filterType: number): Uint8Array {
  const png = new PNG({ width, height });
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++)
      png.data[p * 4 + c] = channels === 1 ? (p * 37) % 251 : (p * 37 + c * 91) % 256;
    png.data[p * 4 + 3] = 255;
  }
  const options: PNGOptions = { colorType: channels === 1 ? 0 : 2, inputColorType: 6, filterType };
  return new Uint8Array(PNG.sync.write(png, options));
}

function expectedSamples(width: number, height: number, channels: 1 | 3): number[] {
  return Array.from({ length: width * height * channels }, (_, i) => {
    const p = Math.floor(i / channels);
    return channels === 1 ? (p * 37) % 251 : (p * 37 + (i % 3) * 91) % 256;
  });
}

describe('decodeSpritePng', () => {
  for (const channels of [1, 3] as const) {
    // 0 none, 1 sub, 2 up, 3 average, 4 Paeth: each undone on its own, first row included.
    for (const filter of [0, 1, 2, 3, 4]) {
      it(`reads ${channels === 1 ? 'gray' : 'RGB'} rows written with filter ${filter}`, async () => {
        const decoded = await decodeSpritePng(pngOf(13, 5, channels, filter));
        expect([decoded.width, decoded.height, decoded.samplesPerPixel]).toEqual([13, 5, channels]);
        expect(Array.from(decoded.data)).toEqual(expectedSamples(13, 5, channels));
      });
    }
  }

  it('reads the shipped MNIST sprite as pngjs does', async () => {
    const file = new Uint8Array(readFileSync('public/datasets/mnist.png'));
    const decoded = await decodeSpritePng(file);
    const reference = PNG.sync.read(Buffer.from(file));
    expect([decoded.width, decoded.height, decoded.samplesPerPixel]).toEqual([2800, 2800, 1]);
    const red = new Uint8Array(2800 * 2800);
    for (let p = 0; p < red.length; p++) red[p] = reference.data[p * 4];
    expect(Buffer.compare(decoded.data, red)).toBe(0);
  });

  it('refuses the kinds of PNG the build never writes: alpha, palette', async () => {
    const rgba = new PNG({ width: 2, height: 2 });
    await expect(decodeSpritePng(new Uint8Array(PNG.sync.write(rgba, { colorType: 6 })))).rejects.toThrow(
      'colour type 6',
    );
    const gray = pngOf(4, 4, 1, 0);
    gray[25] = 3; // colour type byte → palette (the header's CRC is not checked)
    await expect(decodeSpritePng(gray)).rejects.toThrow('rebuild it with npm run build:datasets');
  });

  it('throws a message on a file that is not a PNG, is cut short or does not inflate', async () => {
    await expect(decodeSpritePng(new TextEncoder().encode('GIF89a, not a png at all......'))).rejects.toThrow(
      'The sprite is not a PNG file.',
    );
    const file = pngOf(16, 16, 1, 4);
    await expect(decodeSpritePng(file.subarray(0, file.length - 30))).rejects.toThrow('ends too early');
    const corrupt = file.slice();
    corrupt.fill(0xff, 45, 60); // inside the IDAT data
    await expect(decodeSpritePng(corrupt)).rejects.toThrow(/corrupt|inflates to/);
  });
});
