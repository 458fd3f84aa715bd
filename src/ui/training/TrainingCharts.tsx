import { memo, useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { chanceAccuracy } from '../store/configLogic';
import { usePlayground } from '../store/usePlayground';
import { UNMEASURED_TICKS } from './axisTick';
import { ChartFigure } from './ChartFigure';
import { accuracySummary, chartPoints, learningRateSummary, lossSummary, type ChartPoint } from './chartData';
import { useDelayedValue } from './useDelayedValue';
import { useHoverTooltip } from './useHoverTooltip';
import { useThrottledValue } from './useThrottledValue';

/** Charts re-render at most this often, however fast metrics arrive. */
const CHART_INTERVAL_MS = 1000;
/** Each chart commits this long after the previous one, in a task of its own. */
const STAGGER_MS = CHART_INTERVAL_MS / 3;
const HEIGHT = 150;
const K_COLOURS = ['#8a5cf6', '#e07b00', '#0a8f6a', '#c2185b', '#5d6d7e', '#b8860b'];

/*
 * Recharts keeps every axis, series and tooltip setting in its own store, and every change it dispatches
 * there re-runs the selectors of every part of the chart. So:
 * - every prop below is a module constant or a string: on a data update only the data changes, not a
 *   dozen settings (inline arrows and arrays cost most of a chart's update time);
 * - the tooltip exists only while someone points at or focuses the chart, and the ticks are never
 *   measured (axisTick.tsx);
 * - the axes end on nice values: recharts reports its ticks to its store whenever they move, and each
 *   report re-runs every selector, so ticks at data-tight ends (which move on every update) cost one more
 *   full pass per update.
 */

export function TrainingCharts() {
  const history = useThrottledValue(
    usePlayground((s) => s.history),
    CHART_INTERVAL_MS,
  );
  const config = usePlayground((s) => s.appliedConfig);
  const points = useMemo(() => chartPoints(history), [history]);
  return (
    <div className="charts">
      <LossChart points={points} />
      <AccuracyChart points={points} ks={history.ks} chance={chanceAccuracy(config)} />
      <LearningRateChart points={points} />
    </div>
  );
}

const LossChart = memo(function LossChart(props: { points: ChartPoint[] }) {
  const points = props.points;
  const tooltip = useHoverTooltip();
  return (
    <ChartFigure title="Loss" summary={lossSummary(points)} points={points.length} testId="loss-chart">
      <div {...tooltip.handlers}>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <ComposedChart data={points} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis {...STEP_AXIS} />
            <YAxis {...LOSS_AXIS} />
            {tooltip.active && <Tooltip formatter={formatNumber} labelFormatter={stepLabel} />}
            <Area
              dataKey="lossRange"
              name="range"
              stroke="none"
              fill="#1f6feb"
              fillOpacity={0.15}
              isAnimationActive={false}
            />
            <Line
              dataKey="loss"
              name="loss"
              stroke="#1f6feb"
              strokeOpacity={0.5}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="lossEma"
              name="smoothed"
              stroke="#0b3d91"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </ChartFigure>
  );
});

interface AccuracyProps {
  points: ChartPoint[];
  ks: number[];
  chance: number;
}

const AccuracyChart = memo(function AccuracyChart(props: AccuracyProps) {
  const points = useDelayedValue(props.points, STAGGER_MS);
  const { ks, chance } = props;
  const tooltip = useHoverTooltip();
  // The same element while `chance` holds, so the line does not re-register itself on every update.
  const chanceLine = useMemo(
    () => <ReferenceLine y={chance} stroke="#a40000" strokeDasharray="4 4" label={CHANCE_LABEL} />,
    [chance],
  );
  return (
    <ChartFigure
      title="CPC accuracy (total and per k)"
      summary={accuracySummary(points, ks, chance)}
      points={points.length}
      testId="accuracy-chart"
    >
      <div {...tooltip.handlers}>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={points} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis {...STEP_AXIS} />
            <YAxis {...ACCURACY_AXIS} />
            {tooltip.active && <Tooltip formatter={formatPercent} labelFormatter={stepLabel} />}
            {chanceLine}
            <Line
              dataKey="accuracy"
              name="total"
              stroke="#111"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            {ks.map((k, i) => (
              <Line
                key={k}
                dataKey={`accuracyPerK[${i}]`}
                name={`k=${k}`}
                stroke={K_COLOURS[i % K_COLOURS.length]}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ChartFigure>
  );
});

const LearningRateChart = memo(function LearningRateChart(props: { points: ChartPoint[] }) {
  const points = useDelayedValue(props.points, 2 * STAGGER_MS);
  const tooltip = useHoverTooltip();
  return (
    <ChartFigure
      title="Learning rate"
      summary={learningRateSummary(points)}
      points={points.length}
      testId="lr-chart"
    >
      <div {...tooltip.handlers}>
        <ResponsiveContainer width="100%" height={HEIGHT * 0.7}>
          <LineChart data={points} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis {...STEP_AXIS} />
            <YAxis {...LEARNING_RATE_AXIS} />
            {tooltip.active && <Tooltip formatter={formatNumber} labelFormatter={stepLabel} />}
            <Line
              dataKey="learningRate"
              name="learning rate"
              stroke="#6b7280"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ChartFigure>
  );
});

const CHANCE_LABEL = { value: 'chance', fontSize: 10 };
const MARGIN = { top: 4, right: 8, bottom: 0, left: 0 };

const STEP_AXIS = {
  dataKey: 'step',
  type: 'number',
  // Rounded outward to nice values, so the ticks stay put between updates (see above).
  domain: ['auto', 'auto'],
  allowDecimals: false,
  ...UNMEASURED_TICKS,
} as const;

/** Wide enough for '1.5e-3' (ticks are not measured); the same for every chart keeps their plots aligned. */
const Y_AXIS_WIDTH = 54;

const LOSS_AXIS = {
  width: Y_AXIS_WIDTH,
  domain: ['auto', 'auto'],
  tickFormatter: (v: number) => v.toFixed(2),
  ...UNMEASURED_TICKS,
} as const;

const ACCURACY_AXIS = {
  width: Y_AXIS_WIDTH,
  domain: [0, 1],
  tickFormatter: (v: number) => `${Math.round(v * 100)}%`,
  ...UNMEASURED_TICKS,
} as const;

const LEARNING_RATE_AXIS = {
  width: Y_AXIS_WIDTH,
  tickFormatter: (v: number) => (v === 0 ? '0' : v.toExponential(1)),
  ...UNMEASURED_TICKS,
} as const;

const stepLabel = (step: unknown) => `step ${String(step)}`;
const formatNumber = (value: unknown) =>
  Array.isArray(value)
    ? value.map((v: number) => v.toPrecision(3)).join(' – ')
    : Number(value).toPrecision(3);
const formatPercent = (value: unknown) => `${(100 * Number(value)).toFixed(1)}%`;
