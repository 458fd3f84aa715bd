/**
 * Image files for the import tests, made in Node so nothing large is committed. The awkward formats
 * (CMYK JPEG, 16-bit PNG, BMP, GIF) are written byte by byte: they are tiny and their layout is fixed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { Page } from '@playwright/test';

/** An RGBA gradient, different per seed, so good images are not all alike. */
export function rgbaGradient(width: number, height: number, seed: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      data[p] = (x * 7 + seed * 40) & 255;
      data[p + 1] = (y * 5 + seed * 90) & 255;
      data[p + 2] = (x + y + seed * 13) & 255;
      data[p + 3] = 255;
    }
  }
  return data;
}

export function pngFile(width: number, height: number, seed: number, alpha = false): Buffer {
  const png = new PNG({ width, height });
  png.data = rgbaGradient(width, height, seed);
  if (alpha)
    for (let p = 3; p < png.data.length; p += 4) png.data[p] = (p >> 2) % width < width / 2 ? 0 : 128;
  return PNG.sync.write(png, { colorType: alpha ? 6 : 2 });
}

export function greyPngFile(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  png.data = rgbaGradient(width, height, 3);
  return PNG.sync.write(png, { colorType: 0 });
}

export function jpegFile(width: number, height: number, seed: number): Buffer {
  return jpeg.encode({ width, height, data: rgbaGradient(width, height, seed) }, 85).data;
}

/** A 16-bit grayscale PNG (colour type 0, bit depth 16): a horizontal ramp. */
export function grey16PngFile(side: number): Buffer {
  const raw = Buffer.alloc(side * (1 + side * 2));
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++)
      raw.writeUInt16BE(Math.round((x / (side - 1)) * 65535), y * (1 + side * 2) + 1 + x * 2);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 16; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 45-byte PNG whose header claims 100,000 × 100,000 pixels (40 GB decoded): it must never be decoded. */
export function hugeHeaderPngFile(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100_000, 0);
  header.writeUInt32BE(100_000, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * An 8×8 four-component (CMYK, Adobe APP14) baseline JPEG. Each Huffman table holds one 1-bit code for
 * symbol 0, so every block is "DC difference 0, end of block": a flat mid-level image.
 */
export function cmykJpegFile(): Buffer {
  const segment = (marker: number, body: number[]) => [
    0xff,
    marker,
    (body.length + 2) >> 8,
    (body.length + 2) & 255,
    ...body,
  ];
  const oneCodeTable = (classAndId: number) => [classAndId, 1, ...new Array(15).fill(0), 0x00];
  const components = [1, 2, 3, 4];
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xee, [...Buffer.from('Adobe'), 0, 100, 0, 0, 0, 0, 0]),
    ...segment(0xdb, [0x00, ...new Array(64).fill(1)]),
    ...segment(0xc0, [8, 0, 8, 0, 8, 4, ...components.flatMap((id) => [id, 0x11, 0])]),
    ...segment(0xc4, oneCodeTable(0x00)),
    ...segment(0xc4, oneCodeTable(0x10)),
    ...segment(0xda, [4, ...components.flatMap((id) => [id, 0x00]), 0, 63, 0]),
    0x00,
    0xff,
    0xd9,
  ]);
}

/** A 24-bit BMP (bottom-up rows padded to 4 bytes). */
export function bmpFile(width: number, height: number): Buffer {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const file = Buffer.alloc(54 + rowBytes * height);
  file.write('BM', 0, 'ascii');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(width, 18);
  file.writeInt32LE(height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  file.writeUInt32LE(rowBytes * height, 34);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      file.writeUIntLE(((x * 9) << 16) | ((y * 9) << 8) | 0x40, 54 + y * rowBytes + x * 3, 3);
  }
  return file;
}

/** The classic 1×1 GIF: smaller than any patch, so the importer must enlarge it. */
export function tinyGifFile(): Buffer {
  return Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAAAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
}

/** A PNG whose signature is right and whose chunks are garbage (it even ends with an IEND chunk). */
export function corruptPngFile(): Buffer {
  const good = pngFile(16, 16, 1);
  const broken = Buffer.from(good);
  for (let i = 16; i < broken.length - 12; i++) broken[i] = (i * 31) & 255;
  return broken;
}

/** Encodes a gradient with the browser's own encoder (Node has no WebP encoder, and it is fast). */
export async function canvasImage(page: Page, type: string, width: number, height: number): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ type, width, height }) => {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      const gradient = context.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, '#c03');
      gradient.addColorStop(1, '#39f');
      context.fillStyle = gradient;
      context.fillRect(0, 0, width, height);
      const blob = await canvas.convertToBlob({ type, quality: 0.9 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    { type, width, height },
  );
  return Buffer.from(base64, 'base64');
}

/** A two-class folder (cats, dogs) of twelve 20 px colour PNGs, each image its own. */
export function writePhotoFolder(root: string): void {
  for (const [index, name] of ['cats', 'dogs', 'cats', 'dogs', 'cats', 'dogs'].entries()) {
    mkdirSync(join(root, name), { recursive: true });
    writeFileSync(join(root, name, `${index}a.png`), pngFile(20, 20, index));
    writeFileSync(join(root, name, `${index}b.png`), pngFile(20, 20, index + 10));
  }
}
