import { describe, expect, it } from 'vitest';
import { assembleImport, type DecodeOutcome } from '../assembleImport';
import { ImagePool } from './imagePool';

/** A decoded 2×2 gray image whose bytes are all `value`. */
function image(path: string, value: number): DecodeOutcome {
  return { path, pixels: new Uint8Array(4).fill(value), upscaled: false, side: 2 };
}

describe('ImagePool', () => {
  it('keeps each image as a view of one buffer; the set packs from it as from the outcomes', () => {
    const outcomes = [image('b/2.png', 20), image('a/1.png', 10), { path: 'a/x.png', reason: 'corrupt' }];
    const pool = new ImagePool(3, 4);
    const kept = outcomes.map((o) => pool.keep(o));
    const views = kept.flatMap((o) => ('pixels' in o ? [o.pixels] : []));
    expect(views.map((v) => v.buffer)).toEqual([views[0].buffer, views[0].buffer]);
    expect(views.map((v) => v.byteOffset)).toEqual([0, 4]);
    expect(kept[2]).toBe(outcomes[2]);
    expect(assembleImport(kept, 2, 1)).toEqual(assembleImport(outcomes, 2, 1));
  });

  it('writes the packed set over itself for the spare: equal bytes, one buffer, room for every file', () => {
    const pool = new ImagePool(3, 4);
    const kept = [image('b/2.png', 20), image('a/1.png', 10), image('a/3.png', 30)].map((o) => pool.keep(o));
    const { set } = assembleImport(kept, 2, 1);
    const spare = pool.spareOf(set.pixels);
    expect(Array.from(spare)).toEqual(Array.from(set.pixels));
    // Packed by the import's split: a/3 and b/2 train, a/1 is held out (last).
    expect(Array.from(set.pixels)).toEqual([30, 30, 30, 30, 20, 20, 20, 20, 10, 10, 10, 10]);
    expect(spare.buffer).not.toBe(set.pixels.buffer);
    expect(spare.buffer.byteLength).toBe(12);
  });

  it('copies the spare tight when many files were skipped, and passes on what does not fit', () => {
    const pool = new ImagePool(4, 4);
    const kept = pool.keep(image('a/1.png', 7));
    const wrongSize: DecodeOutcome = { path: 'a/2.png', pixels: new Uint8Array(9), upscaled: false };
    expect(pool.keep(wrongSize)).toBe(wrongSize);
    const { set } = assembleImport([kept], 2, 1);
    const spare = pool.spareOf(set.pixels);
    expect(Array.from(spare)).toEqual([7, 7, 7, 7]);
    expect(spare.buffer.byteLength).toBe(4);
    const full = new ImagePool(1, 4);
    full.keep(image('a/1.png', 1));
    const extra = image('a/2.png', 2);
    expect(full.keep(extra)).toBe(extra);
  });
});
