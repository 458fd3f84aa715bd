import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, FIELDS } from '../../cpc/config';
import {
  valueMeaning,
  controlKind,
  FIELD_GROUPS,
  formatControlValue,
  parseControlValue,
} from './fieldControls';

describe('field controls', () => {
  it('groups every config field exactly once', () => {
    const grouped = FIELD_GROUPS.flatMap((group) => group.keys);
    expect([...grouped].sort()).toEqual([...CONFIG_KEYS].sort());
    expect(new Set(grouped).size).toBe(CONFIG_KEYS.length);
    for (const key of CONFIG_KEYS) expect(FIELDS[key].label.length).toBeGreaterThan(0);
  });

  it('picks a select for options, a slider for [0, 1] strengths and a number box otherwise', () => {
    expect(controlKind('encoder')).toBe('select');
    expect(controlKind('channels')).toBe('select');
    expect(controlKind('augFlip')).toBe('slider');
    expect(controlKind('sameImageNegatives')).toBe('slider');
    expect(controlKind('weightDecay')).toBe('number');
    expect(controlKind('learningRate')).toBe('number');
    expect(controlKind('kMin')).toBe('number');
  });

  it('parses typed text with the config rules and says why it refuses', () => {
    expect(parseControlValue('patchSize', ' 10 ')).toEqual({ ok: true, value: 10 });
    expect(parseControlValue('patchSize', '10.5')).toEqual({ ok: false, reason: 'not an integer' });
    expect(parseControlValue('patchSize', '')).toEqual({ ok: false, reason: 'not a finite number' });
    expect(parseControlValue('batchSize', '0')).toEqual({ ok: false, reason: 'outside [1, 256]' });
    expect(parseControlValue('learningRate', '3e-3')).toEqual({ ok: true, value: 0.003 });
    expect(parseControlValue('kMin', 'auto')).toEqual({ ok: true, value: 'auto' });
    expect(parseControlValue('channels', '3')).toEqual({ ok: true, value: 3 });
    expect(parseControlValue('loss', 'mse')).toEqual({ ok: false, reason: 'expected one of infonce, bce' });
  });

  it('formats small rates in exponent form', () => {
    expect(formatControlValue(2e-4)).toBe('2e-4');
    expect(formatControlValue(0.003)).toBe('0.003');
    expect(formatControlValue(0)).toBe('0');
    expect(formatControlValue('auto')).toBe('auto');
  });

  it('says what a dense width of 0 means: no dense layer', () => {
    expect(valueMeaning('encoderHidden', 0)).toBe('none (no dense layer)');
    expect(valueMeaning('encoderHidden', 128)).toBeNull();
    expect(valueMeaning('encoderWidth', 0)).toBeNull();
  });
});
