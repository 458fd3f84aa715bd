import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type CpcConfig } from './config';
import { autoKMin, gridSize, resolveGeometry, viewToGrid } from './geometry';

const cfg = (change: Partial<CpcConfig>): CpcConfig => ({ ...DEFAULT_CONFIG, ...change });

describe('grid geometry', () => {
  it('derives the grid from image, patch and stride', () => {
    expect(gridSize(28, 8, 4)).toBe(6);
    expect(gridSize(64, 16, 8)).toBe(7);
    expect(gridSize(32, 8, 4)).toBe(7);
    expect(gridSize(30, 10, 5)).toBe(5);
    expect(gridSize(28, 14, 7)).toBe(3);
    expect(gridSize(8, 16, 4)).toBe(0);
  });

  it('overlap guard: no target row shares a pixel row with its context, and no smaller k would do', () => {
    // Pixel rows, counted directly: context rows 0..t cover [0, t·s + P − 1]; target row t + k covers
    // [(t + k)·s, (t + k)·s + P − 1].
    const sharesPixels = (p: number, s: number, k: number) => {
      const contextRows = new Set<number>();
      for (let row = 0; row <= 2; row++) for (let y = row * s; y < row * s + p; y++) contextRows.add(y);
      for (let y = (2 + k) * s; y < (2 + k) * s + p; y++) if (contextRows.has(y)) return true;
      return false;
    };
    for (let p = 2; p <= 16; p++) {
      for (let s = 1; s <= 20; s++) {
        const k = autoKMin(p, s);
        expect(sharesPixels(p, s, k), `patch ${p} stride ${s} k ${k}`).toBe(false);
        if (k > 1) expect(sharesPixels(p, s, k - 1), `patch ${p} stride ${s} k ${k - 1}`).toBe(true);
      }
    }
    expect(autoKMin(8, 4)).toBe(2); // 50 % overlap
    expect(autoKMin(8, 3)).toBe(3); // k = 2 would still share 2 pixel rows
    expect(autoKMin(8, 5)).toBe(2); // k = 1 would share 3 pixel rows
    expect(autoKMin(8, 8)).toBe(1); // no overlap
    const g = resolveGeometry(
      cfg({ imageSize: 28, patchSize: 8, patchStride: 4, kMin: 'auto', kMax: 4 }),
    ).geometry!;
    expect(g.kMin).toBe(2);
    expect(g.ks).toEqual([2, 3, 4]);
    expect(g.overlap).toBe(0.5);
    const disjoint = resolveGeometry(cfg({ imageSize: 32, patchSize: 8, patchStride: 8, kMax: 2 })).geometry!;
    expect(disjoint.ks).toEqual([1, 2]);
  });

  it('warns when k=1 is forced on half-overlapping patches', () => {
    const r = resolveGeometry(cfg({ kMin: 1 }));
    expect(r.geometry!.ks[0]).toBe(1);
    expect(r.warnings.join(' ')).toMatch(/shares pixels/);
    expect(
      resolveGeometry(cfg({ patchStride: 3, kMin: 2, kMax: 3, imageSize: 32 })).warnings.join(' '),
    ).toMatch(/k ≥ 3 is safe/);
  });

  it('counts predictions per image and direction', () => {
    // 6×6 grid, k = 2, 3, 4: (6−2 + 6−3 + 6−4) context rows × 6 columns.
    expect(resolveGeometry(DEFAULT_CONFIG).geometry!.predictionsPerImage).toBe(9 * 6);
  });

  it('rejects impossible combinations with reasons', () => {
    expect(resolveGeometry(cfg({ imageSize: 8, patchSize: 16 })).errors.join(' ')).toMatch(
      /larger than the image/,
    );
    expect(resolveGeometry(cfg({ kMax: 6 })).errors.join(' ')).toMatch(/beyond the 6×6 grid/);
    expect(resolveGeometry(cfg({ kMin: 5, kMax: 4 })).errors.join(' ')).toMatch(/k range is empty/);
    expect(
      resolveGeometry(cfg({ batchSize: 1, imageSize: 12, kMax: 1, negatives: 40 })).errors.join(' '),
    ).toMatch(/negatives/);
    expect(resolveGeometry(DEFAULT_CONFIG).errors).toEqual([]);
  });

  it('maps each direction view back to the grid', () => {
    expect(viewToGrid('down', 1, 2, 5)).toEqual([1, 2]);
    expect(viewToGrid('up', 1, 2, 5)).toEqual([3, 2]);
    expect(viewToGrid('right', 1, 2, 5)).toEqual([2, 1]);
    expect(viewToGrid('left', 1, 2, 5)).toEqual([2, 3]);
  });
});
