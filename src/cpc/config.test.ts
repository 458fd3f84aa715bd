import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, DEFAULT_CONFIG, FIELDS, parseConfig, restartKeysChanged } from './config';
import { resolveGeometry } from './geometry';

describe('CpcConfig', () => {
  it('has a spec with a doc for every field, and valid defaults', () => {
    for (const key of CONFIG_KEYS) {
      expect(FIELDS[key].doc.length).toBeGreaterThan(5);
      expect(parseConfig({ [key]: DEFAULT_CONFIG[key] }).issues).toEqual([]);
    }
    expect(resolveGeometry(DEFAULT_CONFIG).errors).toEqual([]);
  });

  it('parses strings as they come from a URL', () => {
    const { config, issues } = parseConfig({
      learningRate: '0.01',
      context: 'lstm',
      channels: '3',
      kMin: 'auto',
    });
    expect(issues).toEqual([]);
    expect(config.learningRate).toBe(0.01);
    expect(config.context).toBe('lstm');
    expect(config.channels).toBe(3);
    expect(config.kMin).toBe('auto');
  });

  it('reports unknown keys and bad values and keeps the defaults for them', () => {
    const { config, issues } = parseConfig({
      bogus: 1,
      batchSize: 2.5,
      norm: 'group',
      learningRate: 'NaN',
      kMax: 999,
    });
    expect(issues.map((i) => i.key).sort()).toEqual(['batchSize', 'bogus', 'kMax', 'learningRate', 'norm']);
    expect(config.batchSize).toBe(DEFAULT_CONFIG.batchSize);
    expect(config.norm).toBe(DEFAULT_CONFIG.norm);
    expect(parseConfig('nonsense').issues[0].reason).toBe('not an object');
  });

  it('knows which changes need new weights', () => {
    expect(restartKeysChanged(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, learningRate: 1, augFlip: 0.5 })).toEqual(
      [],
    );
    expect(
      restartKeysChanged(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, context: 'lstm', learningRate: 1 }),
    ).toEqual(['context']);
  });
});
