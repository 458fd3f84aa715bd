import { describe, expect, it } from 'vitest';
import {
  decimalsForStep,
  formatTick,
  fromZeroScale,
  lossScale,
  MIN_RELATIVE_SPAN,
  niceScale,
  niceStep,
} from './chartScale';

describe('nice steps and decimals', () => {
  it('rounds a raw step up to 1, 2 or 5 times a power of ten', () => {
    expect([0.3, 0.0004, 1, 7, 0.15].map(niceStep)).toEqual([0.5, 0.0005, 1, 10, 0.2]);
  });

  it('writes every multiple of the step exactly, without extra digits', () => {
    expect([0.5, 0.002, 0.0005, 1, 20].map(decimalsForStep)).toEqual([1, 3, 4, 0, 0]);
  });
});

describe('niceScale', () => {
  it('ends on the ticks and formats every tick of the axis with the same decimals', () => {
    const scale = niceScale(0.00196, 0.0104);
    expect(scale.domain).toEqual([0, 0.015]);
    // Not "2.0e-3" beside "1.962e-3": one format for the whole axis.
    expect(scale.ticks.map((t) => formatTick(t, scale.decimals))).toEqual([
      '0.000',
      '0.005',
      '0.010',
      '0.015',
    ]);
  });

  it('never writes exponent notation, however small the values', () => {
    const scale = fromZeroScale([0.00003, 0.00005]);
    const labels = scale.ticks.map((t) => formatTick(t, scale.decimals));
    expect(labels.every((label) => /^\d+\.\d+$|^\d+$/.test(label))).toBe(true);
    expect(labels.at(-1)).toBe('0.00006');
  });
});

describe('lossScale: a minimum span', () => {
  it('keeps a 2% wobble small: the axis spans at least a fifth of the loss', () => {
    // The case: after 8 s the loss moved between 3.45 and 3.57.
    const scale = lossScale([3.45, 3.5, 3.57], null);
    const [low, high] = scale.domain;
    expect(high - low).toBeGreaterThanOrEqual(MIN_RELATIVE_SPAN * 3.57);
    expect(low).toBeLessThanOrEqual(3.45);
    expect(high).toBeGreaterThanOrEqual(3.57);
  });

  it('always shows the chance line', () => {
    const scale = lossScale([0.4, 0.5], Math.log(16));
    expect(scale.domain[0]).toBeLessThanOrEqual(0.4);
    expect(scale.domain[1]).toBeGreaterThanOrEqual(Math.log(16));
  });

  it('keeps a wide range as it is, rounded to nice ends', () => {
    expect(lossScale([1.1, 2.7], Math.log(16)).domain).toEqual([1, 3]);
  });

  it('never goes below zero when widening a loss near zero', () => {
    const scale = lossScale([0.01, 0.012], null);
    expect(scale.domain[0]).toBe(0);
    expect(scale.domain[1]).toBeGreaterThanOrEqual(0.1);
  });

  it('falls back to 0…1 with nothing to show', () => {
    expect(lossScale([], null).domain).toEqual([0, 1]);
  });
});
