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

  it('overlap guard: skips k=1 when patches overlap by half or more', () => {
    expect(autoKMin(8, 4)).toBe(2); // 50 % overlap
    expect(autoKMin(8, 3)).toBe(2); // 62.5 %
    expect(autoKMin(8, 5)).toBe(1); // 37.5 %
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
