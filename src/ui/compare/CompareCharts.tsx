import { memo, useMemo } from 'react';
import { Line } from 'recharts';
import type { SavedRun } from '../keep/savedRun';
import { PERCENT_AXIS, useScaleAxis } from '../charts/chartAxes';
import { ChartFigure } from '../charts/ChartFigure';
import { percentValue, plainValue } from '../charts/chartFormat';
import { ChartLegend, type LegendItem } from '../charts/ChartLegend';
import { lossScale } from '../charts/chartScale';
import { HEADLINE_LINE, runColour } from '../charts/chartStyle';
import { StepChart } from '../charts/StepChart';
import { mergeCurves } from './mergeCurves';

const HEIGHT = 260;

/** Every chosen run's loss and accuracy on one step axis each, one colour per run. */
export const CompareCharts = memo(function CompareCharts({ runs }: { runs: readonly SavedRun[] }) {
  const rows = useMemo(() => mergeCurves(runs.map((run) => run.history)), [runs]);
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
  const legend = useMemo(() => <ChartLegend items={runLegend(runs)} />, [runs]);
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
        legend={legend}
        points={rows.length}
        testId="compare-loss-chart"
      >
        <StepChart data={rows} height={HEIGHT} yAxis={lossAxis} formatValue={plainValue}>
          {runLines(runs, 'loss')}
        </StepChart>
      </ChartFigure>
      <ChartFigure
        title="CPC accuracy"
        summary={`Last accuracy — ${lastOf(lastAccuracy, (v) => `${(100 * v).toFixed(1)}%`)}.`}
        legend={legend}
        points={rows.length}
        testId="compare-accuracy-chart"
      >
        <StepChart data={rows} height={HEIGHT} yAxis={PERCENT_AXIS} formatValue={percentValue}>
          {runLines(runs, 'accuracy')}
        </StepChart>
      </ChartFigure>
    </div>
  );
});

/** One line per run over mergeCurves' rows (a function, not a component: recharts reads its own children). */
function runLines(runs: readonly SavedRun[], series: 'loss' | 'accuracy') {
  return runs.map((run, i) => (
    <Line
      key={run.id}
      dataKey={`${series}[${i}]`}
      name={run.name}
      stroke={runColour(i)}
      {...HEADLINE_LINE}
      connectNulls
    />
  ));
}

function runLegend(runs: readonly SavedRun[]): LegendItem[] {
  return runs.map((run, i) => ({ label: run.name, colour: runColour(i), mark: 'thick' }));
}

function lastAccuracy(run: SavedRun): number | undefined {
  const last = run.history.buckets.at(-1);
  return last ? last.accuracySum / last.rows : undefined;
}

function formatOrNone(value: number | undefined, format: (v: number) => string): string {
  return value === undefined || !Number.isFinite(value) ? 'none' : format(value);
}
