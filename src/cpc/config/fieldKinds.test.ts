import { describe, expect, it } from 'vitest';
import { choice, float, int, intOrAuto, parseField } from './fieldKinds';

const row = { label: 'A label', doc: 'What it does.' };

describe('field kinds', () => {
  it('builds specs from keywords; a field is live only when its row says so', () => {
    expect(int({ min: 1, max: 8, default: 2, ...row })).toEqual({
      type: 'int',
      min: 1,
      max: 8,
      default: 2,
      live: false,
      ...row,
    });
    expect(float({ min: 0, max: 1, default: 0.5, live: true, ...row })).toMatchObject({
      type: 'float',
      live: true,
    });
    expect(intOrAuto({ min: 1, max: 4, default: 'auto', ...row })).toMatchObject({
      type: 'int-or-auto',
      default: 'auto',
      live: false,
    });
    expect(choice({ options: ['gru', 'lstm'], default: 'lstm', live: false, ...row })).toMatchObject({
      type: 'enum',
      options: ['gru', 'lstm'],
      default: 'lstm',
      live: false,
    });
  });

  it('keeps the types of live and of the options, so a typo does not compile', () => {
    const live: true = float({ min: 0, max: 1, default: 0, live: true, ...row }).live;
    const restart: false = int({ min: 0, max: 1, default: 0, ...row }).live;
    const option: 'gru' | 'lstm' = choice({ options: ['gru', 'lstm'], default: 'gru', ...row }).default;
    // @ts-expect-error 'gruu' is not among the options
    const typo = choice({ options: ['gru', 'lstm'], default: 'gruu', ...row });
    // @ts-expect-error 'auto' is only for intOrAuto
    const auto = int({ min: 1, max: 4, default: 'auto', ...row });
    // @ts-expect-error a row without a doc
    const undocumented = int({ min: 1, max: 4, default: 2, label: 'A label' });
    expect([live, restart, option]).toEqual([true, false, 'gru']);
    expect([typo, auto, undocumented]).toHaveLength(3);
  });

  it('parses values as a URL or a JSON file carries them', () => {
    const channels = choice({ options: [1, 3], default: 1, ...row });
    expect(parseField(channels, '3')).toEqual({ ok: true, value: 3 });
    expect(parseField(channels, 2)).toEqual({ ok: false, reason: 'expected one of 1, 3' });
    const kMin = intOrAuto({ min: 1, max: 4, default: 'auto', ...row });
    expect(parseField(kMin, 'auto')).toEqual({ ok: true, value: 'auto' });
    expect(parseField(kMin, '5')).toEqual({ ok: false, reason: 'outside [1, 4]' });
    expect(parseField(int({ min: 1, max: 4, default: 2, ...row }), '2.5')).toEqual({
      ok: false,
      reason: 'not an integer',
    });
  });
});
