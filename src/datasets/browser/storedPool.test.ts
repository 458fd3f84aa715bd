import { describe, expect, it } from 'vitest';
import { inMemory, isStored } from '../../cpc/data/imageSet';
import { assembleImport, type DecodeOutcome } from '../assembleImport';
import type { SyncHandleLike } from './storedImports';
import { STAGED_IMAGES, StoredPool } from './storedPool';

/** A file in memory behind the sync access handle's calls, recording them. */
function fakeFile(): { handle: SyncHandleLike; bytes: () => Uint8Array; calls: string[] } {
  let data = new Uint8Array(0);
  const calls: string[] = [];
  const handle: SyncHandleLike = {
    write(buffer, { at }) {
      if (at + buffer.length > data.length) {
        const grown = new Uint8Array(at + buffer.length);
        grown.set(data);
        data = grown;
      }
      data.set(buffer, at);
      calls.push(`write ${at}`);
      return buffer.length;
    },
    read(buffer, { at }) {
      const part = data.subarray(at, at + buffer.length);
      buffer.set(part);
      return part.length;
    },
    flush: () => void calls.push('flush'),
    close: () => void calls.push('close'),
  };
  return { handle, bytes: () => data, calls };
}

/** A decoded 2×2 gray image whose bytes are all `value`. */
function image(path: string, value: number): DecodeOutcome {
  return { path, pixels: new Uint8Array(4).fill(value), upscaled: false, side: 2 };
}

describe('StoredPool', () => {
  it('writes the images to the file as they come, STAGED_IMAGES a write, and keeps stand-ins of no bytes', () => {
    const file = fakeFile();
    const pool = new StoredPool('a.bin', file.handle, 4);
    const many = Array.from({ length: STAGED_IMAGES + 1 }, (_, i) => image(`c/${i}.png`, i));
    many.forEach((o) => pool.keep(o));
    expect(file.calls).toEqual(['write 0']);
    expect(file.bytes().length).toBe(STAGED_IMAGES * 4);
    const outcomes = [image('b/2.png', 200), { path: 'a/x.png', reason: 'corrupt' }, image('a/1.png', 100)];
    const kept = outcomes.map((o) => pool.keep(o));
    pool.pack([]);
    expect(file.calls).toEqual(['write 0', `write ${STAGED_IMAGES * 4}`]);
    const all = [...many.map((_, i) => i), 200, 100];
    expect(Array.from(file.bytes())).toEqual(all.flatMap((value) => [value, value, value, value]));
    expect(kept[1]).toBe(outcomes[1]);
    const standIns = kept.flatMap((o) => ('pixels' in o ? [o.pixels] : []));
    expect(standIns.map((s) => [s.length, s.buffer === standIns[0].buffer])).toEqual([
      [4, true],
      [4, true],
    ]);
    expect(pool.keep(image('odd.png', 1)).path).toBe('odd.png'); // another size: not the set's, not written
  });

  it("packs the set as the file's slots in the set's order: the same set as one packed in memory", () => {
    const file = fakeFile();
    const pool = new StoredPool('a.bin', file.handle, 4);
    const outcomes = [image('b/2.png', 20), image('a/1.png', 10), image('a/3.png', 30)];
    const kept = outcomes.map((o) => pool.keep(o));
    const result = assembleImport(kept, 2, 1, (images) => pool.pack(images));
    const plain = assembleImport(outcomes, 2, 1);
    const pixels = result.set.pixels;
    if (!isStored(pixels)) throw new Error('expected a stored set');
    // By the import's split: a/3 and b/2 train, a/1 is held out (last); on disk they are b/2, a/1, a/3.
    expect(Array.from(pixels.slots)).toEqual([2, 0, 1]);
    expect({ file: pixels.file, length: pixels.length }).toEqual({ file: 'a.bin', length: 12 });
    expect(Array.from(inMemory(result.set).pixels)).toEqual(Array.from(inMemory(plain.set).pixels));
    expect({ ...result, set: null }).toEqual({ ...plain, set: null });
    expect(file.calls).toEqual(['write 0']);
    pool.close();
    expect(file.calls.at(-1)).toBe('close');
  });

  it('says so when the disk refuses an image', () => {
    const handle = {
      ...fakeFile().handle,
      write: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    const pool = new StoredPool('a.bin', handle, 4);
    pool.keep(image('a/1.png', 1));
    expect(() => pool.pack([])).toThrow("could not be written to this site's storage on disk (quota)");
    const short = new StoredPool('a.bin', { ...fakeFile().handle, write: () => 2 }, 4);
    short.keep(image('a/1.png', 1));
    expect(() => short.pack([])).toThrow('Only 2 of 4 bytes');
  });

  it('refuses to pack an image it did not write', () => {
    const pool = new StoredPool('a.bin', fakeFile().handle, 4);
    expect(() => pool.pack([new Uint8Array(4)])).toThrow(/not written to its file/);
  });
});
