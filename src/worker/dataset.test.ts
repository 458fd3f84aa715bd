import { describe, it, expect } from 'vitest';
import { DEFAULT_CONFIG } from '../cpc/config';
import type { ImageSet } from '../cpc/data/imageSet';
import type { DatasetManifest } from '../datasets/format';
import { loadDataset, type FetchBuiltin } from './dataset';
import { bytesOf } from '../cpc/testing/bytesOf';

const config = { ...DEFAULT_CONFIG, imageSize: 2, channels: 1 as const, seed: 7 };
const silent = () => {};

/** `count` 2×2 grey images whose pixels all equal their index, labelled by `labelOf`. */
function smallSet(count: number, labelOf: ((i: number) => number) | null, classNames: string[]): ImageSet {
  return {
    pixels: Uint8Array.from({ length: count * 4 }, (_, p) => Math.floor(p / 4)),
    count,
    size: 2,
    channels: 1,
    labels: labelOf ? Int32Array.from({ length: count }, (_, i) => labelOf(i)) : null,
    classNames,
  };
}

describe('loadDataset', () => {
  it('holds out a seeded, stratified 20% of a labelled import', async () => {
    const set = smallSet(15, (i) => (i < 10 ? 0 : 1), ['a', 'b']);
    const loaded = await loadDataset({ kind: 'images', name: 'mine', set }, config, silent);
    // Class a: round(10·0.2) = 2 to test; class b: round(5·0.2) = 1.
    expect(loaded.info).toMatchObject({ title: 'mine', trainCount: 12, testCount: 3, classCounts: [10, 5] });
    const test = loaded.test as ImageSet;
    expect(Array.from(test.labels ?? [])).toEqual([0, 0, 1]);
    const seen = [
      ...bytesOf(loaded.train).filter((_, p) => p % 4 === 0),
      ...bytesOf(test).filter((_, p) => p % 4 === 0),
    ];
    expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    const again = await loadDataset({ kind: 'images', name: 'mine', set }, config, silent);
    expect(Array.from(bytesOf(again.test!))).toEqual(Array.from(bytesOf(test)));
  });

  it('parts an import packed by its own split as views, whatever the seed, and never writes it', async () => {
    const set = smallSet(15, (i) => (i < 12 ? 0 : 1), ['a', 'b']);
    const shared = new Uint8Array(new SharedArrayBuffer(set.pixels.length));
    shared.set(bytesOf(set));
    const before = Array.from(shared);
    for (const seed of [7, 8]) {
      const spec = { kind: 'images' as const, name: 'mine', set: { ...set, pixels: shared }, heldOut: 4 };
      const loaded = await loadDataset(spec, { ...config, seed }, silent);
      expect(loaded.info).toMatchObject({ trainCount: 11, testCount: 4, classCounts: [12, 3] });
      expect(bytesOf(loaded.train).buffer).toBe(shared.buffer);
      expect(bytesOf(loaded.test!).buffer).toBe(shared.buffer);
      expect(Array.from(bytesOf(loaded.test!)).filter((_, p) => p % 4 === 0)).toEqual([11, 12, 13, 14]);
    }
    expect(Array.from(shared)).toEqual(before);
  });

  it('splits a shared import without its own split by the seed into copies, leaving the page its order', async () => {
    const set = smallSet(15, (i) => (i < 10 ? 0 : 1), ['a', 'b']);
    const shared = new Uint8Array(new SharedArrayBuffer(set.pixels.length));
    shared.set(bytesOf(set));
    const spec = { kind: 'images' as const, name: 'mine', set: { ...set, pixels: shared } };
    const loaded = await loadDataset(spec, config, silent);
    const plain = await loadDataset({ kind: 'images', name: 'mine', set }, config, silent);
    expect(Array.from(bytesOf(loaded.test!))).toEqual(Array.from(bytesOf(plain.test!)));
    expect(bytesOf(loaded.train).buffer).not.toBe(shared.buffer);
    expect(Array.from(shared)).toEqual(Array.from(bytesOf(smallSet(15, null, []))));
  });

  it('trains on all of an unlabelled import and holds nothing out', async () => {
    const loaded = await loadDataset(
      { kind: 'images', name: 'flat', set: smallSet(5, null, []) },
      config,
      silent,
    );
    expect(loaded.train.count).toBe(5);
    expect(loaded.test).toBeNull();
    expect(loaded.info.classNames).toEqual([]);
  });

  it('refuses a held-out count that leaves nothing to train on', async () => {
    const spec = { kind: 'images' as const, name: 'x', set: smallSet(4, () => 0, ['a']), heldOut: 4 };
    await expect(loadDataset(spec, config, silent)).rejects.toThrow('4 held-out images of 4');
  });

  it('refuses an import whose parts disagree', async () => {
    const set = { ...smallSet(3, null, []), count: 4 };
    await expect(loadDataset({ kind: 'images', name: 'x', set }, config, silent)).rejects.toThrow(
      'The imported set is malformed: 12 pixel bytes for 4 images of 2px.',
    );
  });

  it('refuses a set kept on disk whose slots disagree, and says what to do when its file cannot be read', async () => {
    const stored = (slots: number) => ({
      ...smallSet(4, () => 0, ['a']),
      pixels: { file: 'import-x.bin', slots: new Int32Array(slots), length: 16 },
    });
    await expect(loadDataset({ kind: 'images', name: 'x', set: stored(3) }, config, silent)).rejects.toThrow(
      'The imported set is malformed: 3 stored images for 4.',
    );
    // Node has no origin-private file system, as a browser whose site data was cleared has no file.
    await expect(loadDataset({ kind: 'images', name: 'x', set: stored(4) }, config, silent)).rejects.toThrow(
      /^The imported images kept on disk could not be read \(.+\)\. Import the folder again\.$/,
    );
  });

  it('splits a built-in set as its manifest says, at the config size, and reports progress', async () => {
    const set = smallSet(5, (i) => i % 2, ['even', 'odd']);
    const manifest = { title: 'Tiny', split: { train: 3, test: 2 } } as DatasetManifest;
    const fetchBuiltin: FetchBuiltin = async (_name, onProgress) => {
      onProgress(0.5, 'half');
      return { set, manifest };
    };
    const messages: string[] = [];
    let clock = 100;
    const loaded = await loadDataset(
      { kind: 'builtin', name: 'mnist' },
      { ...config, channels: 3 },
      (_f, message) => messages.push(message),
      fetchBuiltin,
      () => (clock += 25),
    );
    expect(loaded.train.count).toBe(3);
    expect(loaded.train.channels).toBe(3);
    expect(Array.from(bytesOf(loaded.test!).subarray(0, 3))).toEqual([3, 3, 3]);
    expect(loaded.info).toEqual({
      title: 'Tiny',
      trainCount: 3,
      testCount: 2,
      classNames: ['even', 'odd'],
      classCounts: [3, 2],
      loadMs: 25,
    });
    expect(messages).toEqual(['Loading mnist…', 'half']);
  });

  it("generates colour textures at the config's size from its seed, labelled for a training-split probe", async () => {
    const sized = { ...config, imageSize: 12, channels: 3 as const };
    const loaded = await loadDataset({ kind: 'textures', count: 20 }, sized, silent);
    expect(loaded.train).toMatchObject({ count: 20, size: 12, channels: 3 });
    expect(loaded.test).toBeNull();
    expect(loaded.info).toMatchObject({ title: 'Colour textures', trainCount: 20, testCount: 0 });
    expect(loaded.info.classCounts).toEqual(new Array(10).fill(2));
    const again = await loadDataset({ kind: 'textures', count: 20 }, sized, silent);
    expect(again.train.pixels).toEqual(loaded.train.pixels);
    await expect(loadDataset({ kind: 'textures', count: 0 }, sized, silent)).rejects.toThrow('image count');
  });
});
