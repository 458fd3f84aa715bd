import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { IMAGE_FEATURE_INFO, type ImageFeature } from '../../cpc/model/imageFeatureInfo';
import { UNMEASURED_TICKS } from '../training/axisTick';
import { ChartFigure } from '../training/ChartFigure';
import { useHoverTooltip } from '../training/useHoverTooltip';
import { percent, probeChartRows, type ProbeChartRow, type ProbePoint } from './probeHistory';
import { PROBE_SOURCE_INFO, PROBE_SOURCES } from './probeSources';

const SERIES = PROBE_SOURCES.flatMap((source) => {
  const { label, colour } = PROBE_SOURCE_INFO[source];
  return [
    { key: `${source}Linear`, name: `${label} linear`, colour, dash: undefined },
    { key: `${source}Knn`, name: `${label} kNN`, colour, dash: '4 3' },
  ];
});

interface Props {
  history: ProbePoint[];
  feature: ImageFeature;
}

/**
 * The selected feature's probe accuracy against step, CPC against the random-init and raw-pixel
 * baselines: every probe run adds a point. Memoised with constant props: recharts redoes its layout
 * whenever the data or a setting changes identity.
 */
export const ProbeChart = memo(function ProbeChart({ history, feature }: Props) {
  const { rows, others } = useMemo(() => probeChartRows(history, feature), [history, feature]);
  const tooltip = useHoverTooltip();
  return (
    <ChartFigure
      title="Probe accuracy by step"
      summary={chartSummary(rows, others, feature)}
      points={rows.length}
      testId="probe-chart"
    >
      <div {...tooltip.handlers}>
        <ResponsiveContainer width="100%" height={130}>
          <LineChart data={rows} margin={MARGIN}>
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

function chartSummary(rows: ProbeChartRow[], others: number, feature: ImageFeature): string {
  const { title } = IMAGE_FEATURE_INFO[feature];
  const hidden = others > 0 ? ` ${others} probe runs of other features are not shown.` : '';
  const last = rows[rows.length - 1];
  if (!last) return `No probe run of ${title} yet.${hidden}`;
  const pixels = last.pixelsLinear === undefined ? '' : ` and ${percent(last.pixelsLinear)} for raw pixels`;
  return (
    `${rows.length} probe runs of ${title}; at step ${last.step} CPC linear ${percent(last.cpcLinear)} ` +
    `against ${percent(last.randomLinear)} for random init${pixels}.${hidden}`
  );
}

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
