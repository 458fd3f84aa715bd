import { describe, expect, it } from 'vitest';
import { MARGIN, PERCENT_AXIS, scaleAxis, STEP_AXIS, Y_AXIS_WIDTH } from './chartAxes';
import { niceScale } from './chartScale';

describe('chart axes', () => {
  it('puts steps on a whole-number axis rounded outward by recharts', () => {
    expect(STEP_AXIS).toMatchObject({ dataKey: 'step', type: 'number', allowDecimals: false });
    expect(STEP_AXIS.domain).toEqual(['auto', 'auto']);
  });

  it('draws accuracy from 0 to 100% in quarters', () => {
    expect(PERCENT_AXIS.domain).toEqual([0, 1]);
    expect(PERCENT_AXIS.ticks.map(PERCENT_AXIS.tickFormatter)).toEqual(['0%', '25%', '50%', '75%', '100%']);
  });

  it('gives a computed scale its ends, its ticks and one number of decimals for every label', () => {
    const axis = scaleAxis(niceScale(0.0012, 0.0091));
    expect(axis.domain).toEqual([0, 0.01]);
    expect(axis.ticks.map(axis.tickFormatter)).toEqual([
      '0.000',
      '0.002',
      '0.004',
      '0.006',
      '0.008',
      '0.010',
    ]);
  });

  it('keeps every value axis the same width and inset, so stacked plots line up', () => {
    expect(scaleAxis(niceScale(0, 1)).width).toBe(Y_AXIS_WIDTH);
    expect(PERCENT_AXIS.width).toBe(Y_AXIS_WIDTH);
    expect(MARGIN.left).toBe(0);
  });
});
