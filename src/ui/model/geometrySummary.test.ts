import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import { resolveGeometry } from '../../cpc/geometry';
import { presetById } from '../../cpc/presets';
import { geometryLines } from './geometrySummary';

describe('geometryLines', () => {
  it('describes the default 6×6 grid: k 2…4, 15 negatives, chance 1/16', () => {
    const lines = geometryLines(DEFAULT_CONFIG, resolveGeometry(DEFAULT_CONFIG));
    // 28 px, patch 8, stride 4: (28 − 8) / 4 + 1 = 6. Predictions: (6−2)·6 + (6−3)·6 + (6−4)·6 = 54.
    expect(Object.fromEntries(lines.map((l) => [l.label, l.value]))).toEqual({
      Grid: '6×6 patches of 8 px, stride 4',
      Overlap: '50% of a patch',
      'Steps ahead (k)': '2…4',
      'Predictions per image': '54',
      'Candidates per prediction': '16 (the true patch and 15 negatives)',
      'Chance accuracy': '6.3%',
    });
  });

  it('counts every patch of the target row in the batch as a candidate for row candidates', () => {
    const config = { ...DEFAULT_CONFIG, candidates: 'row' as const, batchSize: 16 };
    const lines = Object.fromEntries(
      geometryLines(config, resolveGeometry(config)).map((l) => [l.label, l.value]),
    );
    expect(lines['Candidates per prediction']).toBe('96 (every patch of the target row in the batch)');
    expect(lines['Chance accuracy']).toBe('1.0%');
  });

  it('multiplies predictions by the four directions of CPC v2', () => {
    const config = presetById('cpc-v2').config;
    const line = geometryLines(config, resolveGeometry(config)).find((l) => l.label.startsWith('Pred'));
    expect(line?.value).toBe('216 (54 × 4 directions)');
  });

  it('explains every line, chance with its candidate count', () => {
    const lines = geometryLines(DEFAULT_CONFIG, resolveGeometry(DEFAULT_CONFIG));
    expect(lines.every((l) => l.explain.length > 20)).toBe(true);
    expect(lines.find((l) => l.label === 'Chance accuracy')?.explain).toContain('one of 16 candidates');
  });

  it('has no lines for an invalid grid', () => {
    const config = { ...DEFAULT_CONFIG, patchSize: 40 };
    expect(geometryLines(config, resolveGeometry(config))).toEqual([]);
  });
});
