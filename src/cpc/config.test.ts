import { describe, expect, it } from 'vitest';
import {
  CONFIG_KEYS,
  DEFAULT_CONFIG,
  FIELD_SECTIONS,
  FIELDS,
  LIVE_KEYS,
  parseConfig,
  restartKeysChanged,
  type CpcConfig,
  type FieldSpec,
  type LiveConfig,
  type LiveKey,
} from './config';
import { resolveGeometry } from './geometry';
import { checkLiveChange } from './liveChange';

/** A valid value of the field other than `not`. */
function otherValue(spec: FieldSpec, not: unknown): string | number {
  if (spec.type === 'enum') return spec.options.find((option) => option !== not)!;
  return spec.min !== not ? spec.min : spec.max;
}

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

  it('declares every field once, in its section, in the order of the sections', () => {
    const sectionKeys = FIELD_SECTIONS.flatMap((section) => Object.keys(section.fields));
    expect(sectionKeys).toEqual(CONFIG_KEYS);
    for (const key of CONFIG_KEYS) expect(DEFAULT_CONFIG[key]).toBe(FIELDS[key].default);
  });

  it('takes the live keys from the rows that say live: true', () => {
    expect(LIVE_KEYS).toEqual(CONFIG_KEYS.filter((key) => FIELDS[key].live));
    expect(LIVE_KEYS).toEqual(expect.arrayContaining(['learningRate', 'batchSize', 'candidates', 'augFlip']));
    for (const restart of ['seed', 'imageSize', 'encoder', 'codeSize', 'context', 'kMin', 'loss'] as const)
      expect(LIVE_KEYS).not.toContain(restart);
  });

  it('agrees with the live-change check and the restart list on every field', () => {
    for (const key of CONFIG_KEYS) {
      const live = FIELDS[key].live;
      const changed = { ...DEFAULT_CONFIG, [key]: otherValue(FIELDS[key], DEFAULT_CONFIG[key]) } as CpcConfig;
      expect(restartKeysChanged(DEFAULT_CONFIG, changed), key).toEqual(live ? [] : [key]);
      expect(checkLiveChange(DEFAULT_CONFIG, { [key]: DEFAULT_CONFIG[key] }).ok, key).toBe(live);
      expect((LIVE_KEYS as readonly string[]).includes(key), key).toBe(live);
    }
  });

  it('types fields by their rows: options as unions, live keys as their own union', () => {
    const live: LiveKey = 'learningRate';
    const change: LiveConfig = { schedule: 'constant', augFlip: 0.5 };
    const config: CpcConfig = { ...DEFAULT_CONFIG, encoder: 'resnet', channels: 3, kMin: 'auto' };
    // @ts-expect-error codeSize needs a restart, so it is no LiveKey
    const restart: LiveKey = 'codeSize';
    // @ts-expect-error a live change cannot carry a restart field
    const wrongChange: LiveConfig = { context: 'lstm' };
    // @ts-expect-error 'resnet50' is not one of the encoder's options
    const typo: CpcConfig = { ...DEFAULT_CONFIG, encoder: 'resnet50' };
    // @ts-expect-error channels are 1 or 3
    const twoChannels: CpcConfig = { ...DEFAULT_CONFIG, channels: 2 };
    expect([live, change, config.encoder, restart, wrongChange, typo, twoChannels]).toHaveLength(7);
  });
});
