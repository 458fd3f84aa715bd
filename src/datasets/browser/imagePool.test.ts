import { describe, expect, it } from 'vitest';
import { assembleImport, type DecodeOutcome } from '../assembleImport';
import { createRng, permutation } from '../../cpc/random';
import { ImagePool, permuteInPlace } from './imagePool';
import { bytesOf } from '../../cpc/testing/bytesOf';

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

  it("packs the set within the pool, in the set's order: one buffer, shared when the pool is", () => {
    const pool = new ImagePool(3, 4, (length) => new Uint8Array(new SharedArrayBuffer(length)));
    const kept = [image('b/2.png', 20), image('a/1.png', 10), image('a/3.png', 30)].map((o) => pool.keep(o));
    const poolBuffer = (kept[0] as { pixels: Uint8Array }).pixels.buffer;
    const { set } = assembleImport(kept, 2, 1, (images) => pool.pack(images));
    // Packed by the import's split: a/3 and b/2 train, a/1 is held out (last).
    expect(Array.from(bytesOf(set))).toEqual([30, 30, 30, 30, 20, 20, 20, 20, 10, 10, 10, 10]);
    expect(bytesOf(set).buffer).toBe(poolBuffer);
    expect(bytesOf(set).buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('moves images to any order within the pool, leaving unused slots out', () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 50; trial++) {
      const slots = 1 + Math.floor(rng.next() * 12);
      const order = Array.from(permutation(slots, rng)).slice(0, Math.floor(rng.next() * (slots + 1)));
      const bytes = Uint8Array.from({ length: slots * 3 }, (_, i) => Math.floor(i / 3) * 10 + (i % 3));
      const expected = order.flatMap((slot) => Array.from(bytes.subarray(slot * 3, slot * 3 + 3)));
      permuteInPlace(bytes, 3, order, slots);
      expect(Array.from(bytes.subarray(0, order.length * 3))).toEqual(expected);
    }
  });

  it('copies the set tight when many files were skipped, and packs an image from elsewhere into a new buffer', () => {
    const pool = new ImagePool(4, 4);
    const kept = pool.keep(image('a/1.png', 7));
    const wrongSize: DecodeOutcome = { path: 'a/2.png', pixels: new Uint8Array(9), upscaled: false };
    expect(pool.keep(wrongSize)).toBe(wrongSize);
    const packed = pool.pack([(kept as { pixels: Uint8Array }).pixels]);
    expect(Array.from(packed)).toEqual([7, 7, 7, 7]);
    expect(packed.buffer.byteLength).toBe(4);
    const other = new ImagePool(2, 4);
    const mine = other.keep(image('b/1.png', 5)) as { pixels: Uint8Array };
    const stranger = Uint8Array.of(9, 9, 9, 9);
    const mixed = other.pack([stranger, mine.pixels]);
    expect(Array.from(mixed)).toEqual([9, 9, 9, 9, 5, 5, 5, 5]);
    expect(mixed.buffer).not.toBe(mine.pixels.buffer);
    const twice = other.pack([mine.pixels, mine.pixels]);
    expect([Array.from(twice), twice.buffer === mine.pixels.buffer]).toEqual([
      [5, 5, 5, 5, 5, 5, 5, 5],
      false,
    ]);
    const full = new ImagePool(1, 4);
    full.keep(image('a/1.png', 1));
    const extra = image('a/2.png', 2);
    expect(full.keep(extra)).toBe(extra);
  });
});
