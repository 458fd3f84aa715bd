import type { ReactNode } from 'react';
import { CartesianGrid, ComposedChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { MARGIN, STEP_AXIS, type ValueAxis } from './chartAxes';
import { stepLabel } from './chartFormat';
import { CHART_SURFACE, GRID_PROPS } from './chartStyle';
import { useHoverTooltip } from './useHoverTooltip';

interface Props {
  /** One row per step, with a `step` field. */
  data: readonly object[];
  height: number;
  /** PERCENT_AXIS, or useScaleAxis(scale) for a computed scale (memoised: see chartAxes.ts). */
  yAxis: ValueAxis;
  /** A value in the tooltip (percentValue or plainValue from chartFormat.ts, or a module constant). */
  formatValue: (value: unknown) => string;
  /** The series: Line, Area and ReferenceLine elements. */
  children: ReactNode;
}

/**
 * The one skeleton of every chart over training steps: grid, the step axis, a value axis, and a tooltip
 * that exists only while someone points at or focuses the chart (useHoverTooltip.ts). Margins, axes and
 * colours come from this folder, so the loss, accuracy, probe and comparison charts line up and look alike.
 *
 * Recharts keeps every setting in its own store and re-runs every selector of the chart when one changes:
 * pass a memoised `yAxis` and a module-level `formatValue`, so a data update changes only `data`.
 */
export function StepChart({ data, height, yAxis, formatValue, children }: Props) {
  const tooltip = useHoverTooltip();
  return (
    <div {...tooltip.handlers}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data as object[]} margin={MARGIN} {...CHART_SURFACE}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...STEP_AXIS} />
          <YAxis {...yAxis} />
          {tooltip.active && <Tooltip formatter={formatValue} labelFormatter={stepLabel} />}
          {children}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
