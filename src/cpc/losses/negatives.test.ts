import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { sampleCandidates, splitNegatives } from './negatives';

describe('negative sampling', () => {
  const perImage = 9;
  const batch = 4;
  const targets = Int32Array.from({ length: 36 }, (_, i) => i);

  it('puts the positive first and never among its own negatives; negatives are distinct', () => {
    const negatives = 12;
    const out = sampleCandidates(
      { targets, patchesPerImage: perImage, batch, negatives, sameImageFraction: 0.25 },
      createRng(1),
    );
    for (let m = 0; m < targets.length; m++) {
      const row = Array.from(out.subarray(m * (negatives + 1), (m + 1) * (negatives + 1)));
      expect(row[0]).toBe(targets[m]);
      expect(new Set(row).size).toBe(row.length);
      for (const idx of row) expect(idx >= 0 && idx < perImage * batch).toBe(true);
    }
  });

  it('takes the requested share from the same image', () => {
    const negatives = 8;
    const out = sampleCandidates(
      { targets, patchesPerImage: perImage, batch, negatives, sameImageFraction: 0.25 },
      createRng(2),
    );
    for (let m = 0; m < targets.length; m++) {
      const image = Math.floor(targets[m] / perImage);
      const row = out.subarray(m * (negatives + 1) + 1, (m + 1) * (negatives + 1));
      expect(Array.from(row).filter((i) => Math.floor(i / perImage) === image).length).toBe(2);
    }
  });

  it('moves negatives between sources when one runs short, and refuses impossible counts', () => {
    expect(splitNegatives({ patchesPerImage: 9, batch: 1, negatives: 8, sameImageFraction: 0 })).toEqual({
      same: 8,
      other: 0,
    });
    expect(splitNegatives({ patchesPerImage: 9, batch: 2, negatives: 12, sameImageFraction: 1 })).toEqual({
      same: 8,
      other: 4,
    });
    expect(() =>
      splitNegatives({ patchesPerImage: 9, batch: 2, negatives: 18, sameImageFraction: 0.5 }),
    ).toThrow(/only 17/);
  });

  it('can use every other patch of the batch', () => {
    const out = sampleCandidates(
      { targets: Int32Array.of(5), patchesPerImage: 9, batch: 2, negatives: 17, sameImageFraction: 0.5 },
      createRng(3),
    );
    expect([...out].sort((a, b) => a - b)).toEqual(Array.from({ length: 18 }, (_, i) => i));
  });
});
