import { memo, useMemo } from 'react';
import { Line, ReferenceLine } from 'recharts';
import { IMAGE_FEATURE_INFO, type ImageFeature } from '../../cpc/model/imageFeatureInfo';
import { PERCENT_AXIS } from '../charts/chartAxes';
import { ChartFigure } from '../charts/ChartFigure';
import { SERIES_DASH } from '../charts/chartStyle';
import { percentValue } from '../charts/chartFormat';
import { StepChart } from '../charts/StepChart';
import { probeBaselines, type ProbeBaselines } from './probeBaselines';
import { ProbeLegend } from './ProbeLegend';
import { percent, probeChartRows, type ProbeChartRow, type ProbePoint } from './probeHistory';
import { PROBE_SOURCE_INFO } from './probeSources';

/** kNN is dashed in every series, linear solid, so colour alone says which input. */
const KNN_DASH = SERIES_DASH;
const CPC = PROBE_SOURCE_INFO.cpc;
const HEIGHT = 130;

interface Props {
  history: ProbePoint[];
  feature: ImageFeature;
}

/**
 * The selected feature's probe accuracy against step: CPC rising (a point per probe) against random
 * init and raw pixels, which do not change as the run trains and so are flat reference lines. Memoised
 * with constant props: recharts redoes its layout whenever the data or a setting changes identity.
 */
export const ProbeChart = memo(function ProbeChart({ history, feature }: Props) {
  const { rows, others } = useMemo(() => probeChartRows(history, feature), [history, feature]);
  const baselines = useMemo(() => probeBaselines(rows), [rows]);
  return (
    <ChartFigure
      title="Probe accuracy by step"
      summary={chartSummary(rows, others, feature)}
      label={chartLabel(rows)}
      points={rows.length}
      testId="probe-chart"
    >
      <StepChart data={rows} height={HEIGHT} yAxis={PERCENT_AXIS} formatValue={percentValue}>
        {baselines && baselineLines(baselines)}
        <Line dataKey="cpcLinear" name="CPC linear" stroke={CPC.colour} isAnimationActive={false} />
        <Line
          dataKey="cpcKnn"
          name="CPC kNN"
          stroke={CPC.colour}
          strokeDasharray={KNN_DASH}
          isAnimationActive={false}
        />
      </StepChart>
      <ProbeLegend pixels={baselines?.pixels !== null} />
    </ChartFigure>
  );
});

/** Flat reference lines for random init and pixels (a function, not a component: recharts reads its own children). */
function baselineLines(baselines: ProbeBaselines) {
  const lines = [
    { source: 'random', scores: baselines.random },
    { source: 'pixels', scores: baselines.pixels },
  ] as const;
  return lines.flatMap(({ source, scores }) =>
    scores
      ? (['linear', 'knn'] as const).map((probe) => (
          <ReferenceLine
            key={`${source}-${probe}`}
            y={scores[probe]}
            stroke={PROBE_SOURCE_INFO[source].colour}
            strokeDasharray={probe === 'knn' ? KNN_DASH : undefined}
          />
        ))
      : [],
  );
}

function chartLabel(rows: ProbeChartRow[]): string {
  const last = rows[rows.length - 1];
  if (!last) return 'Probe accuracy by step: no probe yet';
  return `Probe accuracy over ${rows.length} probes, CPC linear now ${percent(last.cpcLinear)}, random init ${percent(last.randomLinear)}`;
}

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
