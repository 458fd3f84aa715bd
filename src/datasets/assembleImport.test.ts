import { describe, it, expect } from 'vitest';
import { assembleImport, classCounts, emptyImportMessage, enlargedCount, packCopies } from './assembleImport';
import { importSplit } from './splitForProbes';
import { bytesOf } from '../cpc/testing/bytesOf';

const image = (value: number, upscaled = false) => ({ pixels: new Uint8Array(4).fill(value), upscaled });

describe('assembleImport', () => {
  it('labels by first-level folder, packs pixels in sorted path order and lists skips by path', () => {
    const result = assembleImport(
      [
        { path: 'dogs/x/b.png', ...image(2) },
        { path: 'cats/a.png', ...image(1, true) },
        { path: 'dogs/z.txt', reason: 'not an image' },
        { path: 'top.png', ...image(3) },
      ],
      2,
      1,
    );
    expect(result.set.names).toEqual(['cats/a.png', 'dogs/x/b.png']);
    expect(Array.from(result.set.labels ?? [])).toEqual([0, 1]);
    expect(result.set.classNames).toEqual(['cats', 'dogs']);
    expect(Array.from(bytesOf(result.set))).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(result.upscaled).toBe(1);
    expect(result.skipped).toEqual([
      { path: 'dogs/z.txt', reason: 'not an image' },
      { path: 'top.png', reason: 'unlabelled file in a labelled folder' },
    ]);
    expect(classCounts(result.set)).toEqual([1, 1]);
    expect(emptyImportMessage(result, 4)).toBeNull();
  });

  it("packs by the import's split, held-out images last, into the buffer it is given", () => {
    const outcomes = ['a/1.png', 'a/2.png', 'a/3.png', 'a/4.png', 'a/5.png', 'b/1.png', 'b/2.png'].map(
      (path, i) => ({ path, ...image(i + 1) }),
    );
    const given: number[] = [];
    const result = assembleImport(outcomes.reverse(), 2, 1, (images) => {
      given.push(images.length);
      return packCopies(images, new Uint8Array(new SharedArrayBuffer(images.length * 4)));
    });
    expect(given).toEqual([7]);
    expect(bytesOf(result.set).buffer).toBeInstanceOf(SharedArrayBuffer);
    // One of a's five and one of b's two are held out: round(5 · 0.2) = 1, and at least one of two.
    expect(result.heldOut).toBe(2);
    const { order } = importSplit(7, Int32Array.of(0, 0, 0, 0, 0, 1, 1));
    const sorted = ['a/1.png', 'a/2.png', 'a/3.png', 'a/4.png', 'a/5.png', 'b/1.png', 'b/2.png'];
    expect(result.set.names).toEqual(Array.from(order, (i) => sorted[i]));
    expect(Array.from(result.set.labels ?? [])).toEqual(Array.from(order, (i) => (i < 5 ? 0 : 1)));
    expect(Array.from(bytesOf(result.set).filter((_, p) => p % 4 === 0))).toEqual(
      Array.from(order, (i) => i + 1),
    );
    expect(result.set.labels?.slice(5)).toEqual(Int32Array.of(0, 1));
  });

  it('says whether the set carries colour: grey pixels do not, a tinted tenth does', () => {
    // One 1×1 RGB image each: equal channels are grey; a spread of 200 is colour.
    const rgb = (r: number, g: number, b: number) => ({ pixels: Uint8Array.of(r, g, b), upscaled: false });
    const greys = Array.from({ length: 9 }, (_, i) => ({ path: `g${i}.png`, ...rgb(i, i, i) }));
    expect(assembleImport(greys, 1, 3).colour).toBe(false);
    expect(assembleImport([...greys, { path: 'red.png', ...rgb(250, 50, 50) }], 1, 3).colour).toBe(true);
    expect(assembleImport([{ path: 'a.png', ...image(9) }], 2, 1).colour).toBe(false);
  });

  it('explains an empty folder and a folder of bad files', () => {
    expect(emptyImportMessage(assembleImport([], 2, 1), 0)).toBe(
      'The folder is empty: there is no file to import.',
    );
    const bad = assembleImport([{ path: 'a.txt', reason: 'no' }], 2, 1);
    expect(bad.set.count).toBe(0);
    expect(emptyImportMessage(bad, 1)).toBe(
      'No usable image: all 1 files were skipped (see the list below).',
    );
  });

  it('keeps the side of each kept image, and counts those a training size enlarges', () => {
    const result = assembleImport(
      [
        { path: 'b.png', ...image(2), side: 40 },
        { path: 'a.png', ...image(1, true), side: 20 },
        { path: 'c.png', ...image(3), side: 64 },
        { path: 'd.txt', reason: 'not an image' },
      ],
      2,
      1,
    );
    expect(result.sides).toEqual([20, 40, 64]);
    expect(result.nativeSide).toBe(40);
    expect(enlargedCount(result, 32)).toBe(1);
    expect(enlargedCount(result, 48)).toBe(2);
    expect(enlargedCount(result, 16)).toBe(0);
  });
});
