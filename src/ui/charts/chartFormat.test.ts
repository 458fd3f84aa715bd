import { describe, expect, it } from 'vitest';
import { percentValue, plainNumber, plainValue, stepLabel } from './chartFormat';

describe('chart text', () => {
  it('writes small numbers in plain decimals with three significant digits', () => {
    expect([0.000125, 0.001, 2.5, 0].map(plainNumber)).toEqual(['0.000125', '0.00100', '2.50', '0']);
    expect([NaN, Infinity].map(plainNumber)).toEqual(['NaN', 'Infinity']);
  });

  it('heads a tooltip with its step', () => {
    expect(stepLabel(120)).toBe('step 120');
  });

  it('writes an accuracy as a percent with one decimal', () => {
    expect(percentValue(0.4567)).toBe('45.7%');
    expect(percentValue(1)).toBe('100.0%');
  });

  it('writes a value in plain decimals, and a band as its two ends', () => {
    expect(plainValue(0.000125)).toBe('0.000125');
    expect(plainValue([2.31, 2.777])).toBe('2.31 – 2.78');
  });
});
