import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { UNMEASURED_TICKS } from '../training/axisTick';
import { ChartFigure } from '../training/ChartFigure';
import { useHoverTooltip } from '../training/useHoverTooltip';
import { percent, type ProbePoint } from './probeHistory';

const SERIES = [
  { key: 'cpcLinear', name: 'CPC linear', colour: '#1f6feb', dash: undefined },
  { key: 'randomLinear', name: 'random linear', colour: '#1f6feb', dash: '4 3' },
  { key: 'cpcKnn', name: 'CPC kNN', colour: '#e07b00', dash: undefined },
  { key: 'randomKnn', name: 'random kNN', colour: '#e07b00', dash: '4 3' },
] as const;

/**
 * Probe accuracy against step: every probe run adds a point. Memoised with constant props: recharts
 * redoes its layout whenever the data or a setting changes identity.
 */
export const ProbeChart = memo(function ProbeChart({ history }: { history: ProbePoint[] }) {
  const data = useMemo(
    () =>
      history.map((p) => ({
        step: p.step,
        cpcLinear: p.cpc.linear,
        randomLinear: p.randomInit.linear,
        cpcKnn: p.cpc.knn,
        randomKnn: p.randomInit.knn,
      })),
    [history],
  );
  const last = history[history.length - 1];
  const tooltip = useHoverTooltip();
  const summary = last
    ? `${history.length} probe runs; at step ${last.step} CPC linear ${percent(last.cpc.linear)} against ${percent(last.randomInit.linear)} for random init.`
    : 'No probe run yet.';
  return (
    <ChartFigure
      title="Probe accuracy by step"
      summary={summary}
      points={history.length}
      testId="probe-chart"
    >
      <div {...tooltip.handlers}>
        <ResponsiveContainer width="100%" height={130}>
          <LineChart data={data} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis {...STEP_AXIS} />
            <YAxis {...ACCURACY_AXIS} />
            {tooltip.active && <Tooltip formatter={formatValue} labelFormatter={formatStep} />}
            <Legend wrapperStyle={LEGEND_STYLE} />
            {SERIES.map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stroke={s.colour}
                strokeDasharray={s.dash}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ChartFigure>
  );
});

const MARGIN = { top: 4, right: 8, bottom: 0, left: 0 };
const STEP_AXIS = {
  dataKey: 'step',
  type: 'number',
  domain: ['dataMin', 'dataMax'],
  allowDecimals: false,
  ...UNMEASURED_TICKS,
} as const;
const ACCURACY_AXIS = {
  width: 46,
  domain: [0, 1],
  tickFormatter: (v: number) => `${Math.round(v * 100)}%`,
  ...UNMEASURED_TICKS,
} as const;
const LEGEND_STYLE = { fontSize: '0.7rem' };
const formatValue = (v: unknown) => (typeof v === 'number' ? percent(v) : String(v));
const formatStep = (step: unknown) => `step ${String(step)}`;
