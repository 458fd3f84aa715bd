import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SavedRun } from '../keep/savedRun';
import { PERCENT_AXIS, useScaleAxis } from '../charts/chartAxes';
import { ChartFigure } from '../charts/ChartFigure';
import { lossScale } from '../charts/chartScale';
import { CHART_SURFACE, GRID_PROPS } from '../charts/chartStyle';
import { mergeCurves } from './mergeCurves';
import { runColour } from '../charts/chartStyle';

const HEIGHT = 260;

/** Every chosen run's loss and accuracy on one step axis each, one colour per run. */
export const CompareCharts = memo(function CompareCharts({ runs }: { runs: readonly SavedRun[] }) {
  const rows = useMemo(() => mergeCurves(runs.map((run) => run.history)), [runs]);
  const lastOf = (pick: (run: SavedRun) => number | undefined, format: (v: number) => string) =>
    runs.map((run) => `${run.name}: ${formatOrNone(pick(run), format)}`).join('; ');
  return (
    <div className="compare-charts">
      <ChartFigure
        title="Loss (smoothed)"
        summary={`Last smoothed loss — ${lastOf(
          (run) => run.history.buckets.at(-1)?.lossEma,
          (v) => v.toFixed(3),
        )}.`}
        points={rows.length}
        testId="compare-loss-chart"
      >
        <OverlayChart rows={rows} runs={runs} series="loss" />
      </ChartFigure>
      <ChartFigure
        title="CPC accuracy"
        summary={`Last accuracy — ${lastOf(lastAccuracy, (v) => `${(100 * v).toFixed(1)}%`)}.`}
        points={rows.length}
        testId="compare-accuracy-chart"
      >
        <OverlayChart rows={rows} runs={runs} series="accuracy" />
      </ChartFigure>
    </div>
  );
});

interface OverlayProps {
  rows: ReturnType<typeof mergeCurves>;
  runs: readonly SavedRun[];
  series: 'loss' | 'accuracy';
}

function OverlayChart({ rows, runs, series }: OverlayProps) {
  const accuracy = series === 'accuracy';
  // The same minimum span and plain decimals as the training chart's loss axis (chartScale.ts).
  const lossAxis = useScaleAxis(
    useMemo(
      () =>
        lossScale(
          rows.flatMap((row) => row.loss.filter((v) => v !== null)),
          null,
        ),
      [rows],
    ),
  );
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart data={rows} margin={MARGIN} {...CHART_SURFACE}>
        <CartesianGrid {...GRID_PROPS} />
        <XAxis dataKey="step" type="number" domain={STEP_DOMAIN} allowDecimals={false} />
        <YAxis {...(accuracy ? PERCENT_AXIS : lossAxis)} />
        <Tooltip formatter={accuracy ? formatPercent : formatLoss} labelFormatter={formatStep} />
        <Legend wrapperStyle={LEGEND_STYLE} />
        {runs.map((run, i) => (
          <Line
            key={run.id}
            dataKey={`${series}[${i}]`}
            name={run.name}
            stroke={runColour(i)}
            strokeWidth={2}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

function lastAccuracy(run: SavedRun): number | undefined {
  const last = run.history.buckets.at(-1);
  return last ? last.accuracySum / last.rows : undefined;
}

function formatOrNone(value: number | undefined, format: (v: number) => string): string {
  return value === undefined || !Number.isFinite(value) ? 'none' : format(value);
}

const MARGIN = { top: 4, right: 12, bottom: 0, left: 0 };
const STEP_DOMAIN = ['dataMin', 'dataMax'];
const LEGEND_STYLE = { fontSize: '0.75rem' };
const formatPercent = (v: unknown) => `${(100 * Number(v)).toFixed(1)}%`;
const formatLoss = (v: unknown) => Number(v).toPrecision(3);
const formatStep = (step: unknown) => `step ${String(step)}`;
