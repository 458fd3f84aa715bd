import { useMemo } from 'react';
import { UNMEASURED_TICKS } from './axisTick';
import { formatTick, type AxisScale } from './chartScale';

/** Wide enough for '0.00005' (ticks are not measured); the same for every chart keeps their plots aligned. */
export const Y_AXIS_WIDTH = 54;

/** The plot's inset in its box: the same for every chart, so plots stacked in a column line up. */
export const MARGIN = { top: 4, right: 8, bottom: 0, left: 0 } as const;

/** The step axis, shared by every chart over training steps. */
export const STEP_AXIS = {
  dataKey: 'step',
  type: 'number',
  // Rounded outward to nice values, so the ticks stay put between updates.
  domain: ['auto', 'auto'],
  allowDecimals: false,
  ...UNMEASURED_TICKS,
} as const;

/** The value axis of an accuracy: 0 to 100%. */
export const PERCENT_AXIS = {
  width: Y_AXIS_WIDTH,
  domain: [0, 1],
  ticks: [0, 0.25, 0.5, 0.75, 1],
  tickFormatter: (v: number) => `${Math.round(v * 100)}%`,
  ...UNMEASURED_TICKS,
} as const;

/** YAxis props for a value axis: PERCENT_AXIS, or scaleAxis / useScaleAxis for a computed scale. */
export type ValueAxis = typeof PERCENT_AXIS | ReturnType<typeof scaleAxis>;

/** YAxis props for a computed scale: its nice ends, its ticks and one number of decimals for all of them. */
export function scaleAxis(scale: AxisScale) {
  return {
    width: Y_AXIS_WIDTH,
    domain: scale.domain,
    ticks: scale.ticks,
    tickFormatter: (v: number) => formatTick(v, scale.decimals),
    ...UNMEASURED_TICKS,
  };
}

/**
 * scaleAxis, the same object while the ticks hold, so recharts does not re-register the axis on every data
 * update (a new object makes it re-run every selector of the chart).
 */
export function useScaleAxis(scale: AxisScale) {
  const key = `${scale.decimals}:${scale.ticks.join(',')}`;
  // The key stands for the scale's values.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => scaleAxis(scale), [key]);
}
