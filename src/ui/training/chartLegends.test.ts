import { describe, expect, it } from 'vitest';
import { accuracyLegend, lossLegend } from './chartLegends';

describe('chart legends', () => {
  it('name raw and smoothed loss apart, and chance with its value', () => {
    const items = lossLegend(Math.log(16));
    expect(items.map((i) => i.label)).toEqual([
      'loss per step',
      'smoothed',
      'lowest–highest',
      'chance (2.77)',
    ]);
    expect(new Set(items.slice(0, 2).map((i) => `${i.colour} ${i.mark}`)).size).toBe(2);
  });

  it('leave chance out when the grid is invalid', () => {
    expect(lossLegend(null).map((i) => i.label)).not.toContain(expect.stringMatching(/chance/));
  });

  it('give every k its own entry in its own colour', () => {
    const items = accuracyLegend([2, 3, 4], 1 / 16);
    expect(items.map((i) => i.label)).toEqual(['all k', 'k=2', 'k=3', 'k=4', 'chance (6.3%)']);
    const colours = items.map((i) => i.colour);
    expect(new Set(colours).size).toBe(colours.length);
  });
});
