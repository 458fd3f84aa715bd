import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { loadImageFolder } from './imageFolder';
import { bytesOf } from '../cpc/testing/bytesOf';

function png(width: number, height: number, rgba: (x: number, y: number) => number[]): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) image.data.set(rgba(x, y), (y * width + x) * 4);
  }
  return PNG.sync.write(image);
}

function grayJpeg(side: number, value: number): Buffer {
  const data = Buffer.alloc(side * side * 4, value);
  return jpeg.encode({ width: side, height: side, data }, 100).data;
}

async function writeFiles(root: string, files: Record<string, Uint8Array | string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

const red4 = png(4, 4, () => [255, 0, 0, 255]);

describe('loadImageFolder', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cpc-folder-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('labels by first-level folder and skips every bad file with a reason', async () => {
    const dir = join(root, 'labelled');
    const valid = png(2, 2, (x, y) => [x * 200, y * 200, 0, 255]);
    await writeFiles(dir, {
      'cats/a.png': red4,
      'cats/b.jpg': grayJpeg(8, 100),
      'cats/broken.png': Buffer.concat([valid.subarray(0, 8), Buffer.from('garbage after the signature')]),
      'cats/fake.png': grayJpeg(8, 50),
      'cats/.DS_Store': 'hidden',
      'dogs/nested/deep/small.png': valid,
      'dogs/wide.png': png(6, 4, (x) => (x === 0 || x === 5 ? [0, 0, 0, 255] : [10, 20, 30, 0])),
      'dogs/empty.jpg': new Uint8Array(0),
      'dogs/truncated.png': valid.subarray(0, valid.length - 20),
      'birds/only-bad.png': 'not really a png',
      '.hidden/x.png': red4,
      'notes.txt': 'hello',
      'loose.png': red4,
    });

    const { set, skipped, upscaled, heldOut } = await loadImageFolder(dir, { size: 4, channels: 3 });

    expect(set.classNames).toEqual(['cats', 'dogs']);
    // Packed by the import's split: one image of each class trains, the other (the last two) is held out.
    expect(set.names).toEqual(['cats/b.jpg', 'dogs/wide.png', 'cats/a.png', 'dogs/nested/deep/small.png']);
    expect(heldOut).toBe(2);
    expect(Array.from(set.labels ?? [])).toEqual([0, 1, 0, 1]);
    expect([set.count, set.size, set.channels, set.pixels.length]).toEqual([4, 4, 3, 4 * 48]);
    expect(upscaled).toBe(1); // only the 2×2 picture
    // A solid red 4×4 PNG stays exactly red.
    expect(Array.from(bytesOf(set).subarray(96, 144))).toEqual(
      Array.from({ length: 16 }, () => [255, 0, 0]).flat(),
    );
    // JPEG at quality 100 decodes within a level or two of its gray.
    for (const v of bytesOf(set).subarray(0, 48)) expect(Math.abs(v - 100)).toBeLessThanOrEqual(2);
    // The 6×4 picture is cropped to its middle 4 columns (fully transparent) → white.
    expect(Array.from(bytesOf(set).subarray(48, 96)).every((v) => v === 255)).toBe(true);

    const reasons = Object.fromEntries(skipped.map((s) => [s.path, s.reason]));
    expect(Object.keys(reasons)).toEqual([
      'birds/only-bad.png',
      'cats/broken.png',
      'cats/fake.png',
      'dogs/empty.jpg',
      'dogs/truncated.png',
      'loose.png',
      'notes.txt',
    ]);
    expect(reasons['birds/only-bad.png']).toBe('not a PNG image (unrecognised content)');
    expect(reasons['cats/broken.png']).toMatch(/^corrupt PNG: /);
    expect(reasons['cats/fake.png']).toBe('content is JPEG but the extension says PNG');
    expect(reasons['dogs/empty.jpg']).toBe('empty file (0 bytes)');
    expect(reasons['dogs/truncated.png']).toBe('corrupt PNG: the file ends too early');
    expect(reasons['loose.png']).toBe('unlabelled file in a labelled folder');
    expect(reasons['notes.txt']).toBe('not a PNG or JPEG file (.txt)');
  });

  it('reads a flat folder as an unlabelled set, converting to gray', async () => {
    const dir = join(root, 'flat');
    await writeFiles(dir, { 'b.png': red4, 'a.png': png(4, 4, () => [0, 0, 255, 255]), 'readme.md': '#' });

    const { set, skipped, upscaled } = await loadImageFolder(dir, { size: 2, channels: 1 });

    expect(set.labels).toBeNull();
    expect(set.classNames).toEqual([]);
    expect(set.names).toEqual(['a.png', 'b.png']);
    // Luma of pure blue 0.114·255 = 29.07, of pure red 0.299·255 = 76.245.
    expect(Array.from(bytesOf(set))).toEqual([29, 29, 29, 29, 76, 76, 76, 76]);
    expect(skipped).toEqual([{ path: 'readme.md', reason: 'not a PNG or JPEG file (.md)' }]);
    expect(upscaled).toBe(0);
  });

  it('gives an empty set for a folder with no usable image', async () => {
    const dir = join(root, 'nothing');
    await writeFiles(dir, { '.keep': '', 'x.txt': 'x' });
    const { set, skipped } = await loadImageFolder(dir, { size: 8, channels: 1 });
    expect([set.count, set.pixels.length, set.labels]).toEqual([0, 0, null]);
    expect(skipped.map((s) => s.path)).toEqual(['x.txt']);
  });
});
