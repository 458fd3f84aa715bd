import { BAND_AREA, LINE_WIDTH, SERIES_DASH } from './chartStyle';

/** How a series is drawn, mirrored by its swatch. */
export type LegendMark = 'line' | 'thick' | 'dashed' | 'band';

export interface LegendItem {
  label: string;
  /** A CSS colour, usually a variable (chartStyle.ts). */
  colour: string;
  mark: LegendMark;
}

const SWATCH_W = 18;
const SWATCH_H = 10;

/**
 * A chart's legend as an HTML list beside the plot: cheap (recharts' Legend re-reads its store on every
 * update), styled by the theme, and read by screen readers as plain text. Exported for the probe and
 * comparison charts.
 */
export function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="chart-legend" data-testid="chart-legend">
      {items.map((item) => (
        <li key={item.label} data-testid="chart-legend-item">
          <svg width={SWATCH_W} height={SWATCH_H} aria-hidden="true" focusable="false">
            <Swatch {...item} />
          </svg>
          <span className="chart-legend-text">{item.label}</span>
        </li>
      ))}
    </ul>
  );
}

function Swatch({ colour, mark }: LegendItem) {
  if (mark === 'band')
    return <rect width={SWATCH_W} height={SWATCH_H} fill={colour} fillOpacity={BAND_AREA.fillOpacity} />;
  return (
    <line
      x1={0}
      x2={SWATCH_W}
      y1={SWATCH_H / 2}
      y2={SWATCH_H / 2}
      stroke={colour}
      strokeWidth={mark === 'thick' ? LINE_WIDTH.thick : LINE_WIDTH.line}
      strokeDasharray={mark === 'dashed' ? SERIES_DASH : undefined}
    />
  );
}
