import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { DEFAULT_CONFIG } from '../config';
import { requireGeometry } from '../geometry';
import { buildPredictionTable } from '../model/predictionTable';
import { candidateCount, rowCandidates, sampleCandidates, splitNegatives } from './negatives';

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

describe('row candidates (the paper InfoNCE)', () => {
  const geometryOf = (directions: 'top-down' | 'all') =>
    requireGeometry({ ...DEFAULT_CONFIG, imageSize: 20, kMax: 3, directions }); // 4×4 grid, k = 2, 3

  it.each(['top-down', 'all'] as const)(
    'puts the true target first, then every other patch of its row in the batch (%s)',
    (directions) => {
      const geometry = geometryOf(directions);
      const [g, batch] = [geometry.grid, 3];
      const table = buildPredictionTable(geometry, batch);
      const out = rowCandidates(geometry, batch);
      const width = batch * g;
      expect(out.length).toBe(table.count * width);
      for (let m = 0; m < table.count; m++) {
        const row = Array.from(out.subarray(m * width, (m + 1) * width));
        expect(row[0]).toBe(table.targets[m]);
        expect(new Set(row).size).toBe(width);
        // Every candidate sits in the target's grid row (top-down views) or in its row or column (all views).
        const [tr, tc] = [Math.floor((row[0] % (g * g)) / g), row[0] % g];
        const sameLine = row
          .map((p) => [Math.floor((p % (g * g)) / g), p % g])
          .filter(([r, c]) => r === tr || c === tc);
        expect(sameLine.length).toBe(width);
        if (directions === 'top-down')
          expect(row.every((p) => Math.floor((p % (g * g)) / g) === tr)).toBe(true);
      }
    },
  );

  it('counts candidates for chance accuracy', () => {
    expect(candidateCount({ candidates: 'row', negatives: 15, batchSize: 16 }, 6)).toBe(96);
    expect(candidateCount({ candidates: 'sampled', negatives: 15, batchSize: 16 }, 6)).toBe(16);
  });
});
