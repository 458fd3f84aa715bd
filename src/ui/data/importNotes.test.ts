import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../datasets/assembleImport';
import { importNotes } from './importNotes';

function result(pixels: Uint8Array, heldOut: number, sides: number[] = []): ImportResult {
  const count = pixels.length / 12;
  const set = { pixels, count, size: 2, channels: 3 as const, labels: null, classNames: [] };
  return { set, skipped: [], upscaled: 0, nativeSide: null, sides, heldOut, colour: true };
}

describe('importNotes', () => {
  it('says how many are held out, that they stay the same, and that a shared set is held once', () => {
    const pixels = new Uint8Array(new SharedArrayBuffer(10 * 1024 * 12));
    expect(importNotes(result(pixels, 2048, [1, 2, 3]), 2)).toEqual([
      '1 image was smaller than 2 px and enlarged.',
      '8192 for training, 2048 held out for the probes: the same images in every run on this import.',
      "Its pixels take 120 KB, held once: the training worker reads the page's copy.",
    ]);
  });

  it('says a set the page cannot share is held twice, and nothing of a split it does not have', () => {
    expect(importNotes(result(new Uint8Array(12 * 1024 * 1024), 0), 2)).toEqual([
      'Its pixels take 12.0 MB, held twice: this page is not cross-origin isolated, so the training worker keeps a copy.',
    ]);
    expect(importNotes(result(new Uint8Array(0), 0), 2)).toEqual([]);
  });
});
