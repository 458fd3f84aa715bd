import { memo, useMemo } from 'react';
import { Area, Line, ReferenceLine } from 'recharts';
import { PERCENT_AXIS, useScaleAxis } from '../charts/chartAxes';
import { ChartFigure } from '../charts/ChartFigure';
import { percentValue, plainValue } from '../charts/chartFormat';
import { ChartLegend } from '../charts/ChartLegend';
import { fromZeroScale, lossScale } from '../charts/chartScale';
import {
  BAND_AREA,
  CHANCE_LINE_PROPS,
  CHART_COLOURS,
  HEADLINE_LINE,
  SERIES_LINE,
  seriesColour,
} from '../charts/chartStyle';
import { StepChart } from '../charts/StepChart';
import { chanceAccuracy } from '../store/configLogic';
import { usePlayground } from '../store/usePlayground';
import { chanceLossOf } from './chance';
import {
  accuracyLabel,
  accuracySummary,
  chartPoints,
  learningRateLabel,
  learningRateSummary,
  lossExtent,
  lossLabel,
  lossSummary,
  type ChartPoint,
} from './chartData';
import { accuracyLegend, lossLegend } from './chartLegends';
import { useDelayedValue } from './useDelayedValue';
import { useThrottledValue } from './useThrottledValue';

/** Charts re-render at most this often, however fast metrics arrive. */
const CHART_INTERVAL_MS = 1000;
/** Each chart commits this long after the previous one, in a task of its own. */
const STAGGER_MS = CHART_INTERVAL_MS / 3;
const HEIGHT = 150;

/*
 * Recharts keeps every axis, series and tooltip setting in its own store, and every change it dispatches
 * there re-runs the selectors of every part of the chart. So:
 * - every prop below is a module constant, a string or memoised by value: on a data update only the data
 *   changes, not a dozen settings (inline arrows and arrays cost most of a chart's update time);
 * - the tooltip exists only while someone points at or focuses the chart, and the ticks are never
 *   measured (../charts/axisTick.tsx);
 * - the axes end on nice values (../charts/chartScale.ts): recharts reports its ticks to its store whenever they
 *   move, and each report re-runs every selector, so ticks at data-tight ends (which move on every
 *   update) cost one more full pass per update.
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
      <LossChart points={points} chance={chanceLossOf(config)} />
      <AccuracyChart points={points} ks={history.ks} chance={chanceAccuracy(config)} />
      <LearningRateChart points={points} />
    </div>
  );
}

const LossChart = memo(function LossChart(props: { points: ChartPoint[]; chance: number | null }) {
  const { points, chance } = props;
  const axis = useScaleAxis(useMemo(() => lossScale(lossExtent(points), chance), [points, chance]));
  const legend = useMemo(() => <ChartLegend items={lossLegend(chance)} />, [chance]);
  // The same element while `chance` holds, so the line does not re-register itself on every update.
  const chanceLine = useMemo(
    () => (chance === null ? null : <ReferenceLine y={chance} {...CHANCE_LINE_PROPS} />),
    [chance],
  );
  return (
    <ChartFigure
      title="Loss"
      summary={lossSummary(points)}
      label={lossLabel(points, chance)}
      legend={legend}
      points={points.length}
      testId="loss-chart"
    >
      <StepChart data={points} height={HEIGHT} yAxis={axis} formatValue={plainValue}>
        {chanceLine}
        <Area dataKey="lossRange" name="range" fill={CHART_COLOURS.raw} {...BAND_AREA} />
        <Line dataKey="loss" name="loss" stroke={CHART_COLOURS.raw} {...SERIES_LINE} />
        <Line dataKey="lossEma" name="smoothed" stroke={CHART_COLOURS.cpc} {...HEADLINE_LINE} />
      </StepChart>
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
  const chanceLine = useMemo(() => <ReferenceLine y={chance} {...CHANCE_LINE_PROPS} />, [chance]);
  const ksKey = ks.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- ksKey stands for ks' values
  const legend = useMemo(() => <ChartLegend items={accuracyLegend(ks, chance)} />, [ksKey, chance]);
  return (
    <ChartFigure
      title="CPC accuracy (total and per k)"
      summary={accuracySummary(points, ks, chance)}
      label={accuracyLabel(points, chance)}
      legend={legend}
      points={points.length}
      testId="accuracy-chart"
    >
      <StepChart data={points} height={HEIGHT} yAxis={PERCENT_AXIS} formatValue={percentValue}>
        {chanceLine}
        {ks.map((k, i) => (
          <Line
            key={k}
            dataKey={`accuracyPerK[${i}]`}
            name={`k=${k}`}
            stroke={seriesColour(i)}
            {...SERIES_LINE}
          />
        ))}
        <Line dataKey="accuracy" name="all k" stroke={CHART_COLOURS.cpc} {...HEADLINE_LINE} />
      </StepChart>
    </ChartFigure>
  );
});

const LearningRateChart = memo(function LearningRateChart(props: { points: ChartPoint[] }) {
  const points = useDelayedValue(props.points, 2 * STAGGER_MS);
  const axis = useScaleAxis(useMemo(() => fromZeroScale(points.map((p) => p.learningRate)), [points]));
  return (
    <ChartFigure
      title="Learning rate"
      summary={learningRateSummary(points)}
      label={learningRateLabel(points)}
      points={points.length}
      testId="lr-chart"
    >
      <StepChart data={points} height={HEIGHT * 0.7} yAxis={axis} formatValue={plainValue}>
        <Line dataKey="learningRate" name="learning rate" stroke={CHART_COLOURS.raw} {...SERIES_LINE} />
      </StepChart>
    </ChartFigure>
  );
});
