import { meaningVar } from '../theme/meaning';

/**
 * The one chart style (grid, surface, series colours) for every recharts chart on the page: the training
 * charts, the probe chart and the run comparison. Colours are CSS variables (tokens.css), so dark mode
 * and the meaning colours follow the theme; the tick text and grid lines are styled in charts.css.
 */

/** Colours for the lines of the steps ahead k, in order (tokens.css --c-series-N; none is a meaning colour). */
export const SERIES_COUNT = 6;
export function seriesColour(index: number): string {
  return `var(--c-series-${(index % SERIES_COUNT) + 1})`;
}

/**
 * One colour per run in the run comparison, apart for up to eight runs (Okabe–Ito, readable with common
 * colour-vision deficits). Fixed hex, not theme tokens: a run keeps its colour in the table and the PNG.
 */
const RUN_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#000000', '#b8a600'];
export function runColour(index: number): string {
  return RUN_COLOURS[index % RUN_COLOURS.length];
}

export const CHART_COLOURS = {
  /** CPC's own curves (the smoothed loss, the total accuracy). */
  cpc: meaningVar('cpc'),
  chance: meaningVar('chance'),
  /** Raw per-step values and schedules: present, not the headline. */
  raw: 'var(--muted)',
} as const;

/**
 * Props for every cartesian chart: recharts' accessibility layer makes the SVG a Tab stop named by its
 * data (a run of digits), so it is off; the figure around the chart carries the name and a summary.
 */
export const CHART_SURFACE = { accessibilityLayer: false } as const;

/** Stroke widths by legend mark (ChartLegend.tsx draws its swatches with the same). */
export const LINE_WIDTH = { line: 1.5, thick: 2.5 } as const;

/** A series line: no dots, no animation (an animated line re-runs on every data update). */
export const SERIES_LINE = { strokeWidth: LINE_WIDTH.line, dot: false, isAnimationActive: false } as const;
/** The headline series of a chart (CPC's own curve), drawn thicker. */
export const HEADLINE_LINE = { ...SERIES_LINE, strokeWidth: LINE_WIDTH.thick } as const;

/** A band of values (the loss's range per bucket): a faint fill, no outline. */
export const BAND_AREA = { stroke: 'none', fillOpacity: 0.2, isAnimationActive: false } as const;

/** The dash of a second series in the same colour (kNN beside linear); ChartLegend's 'dashed' swatch. */
export const SERIES_DASH = '4 3';

/** The background grid: horizontal lines only, dashed (colour in charts.css). */
export const GRID_PROPS = { strokeDasharray: '3 3', vertical: false } as const;

/** Chance as a dashed line in the chance colour, labelled on the plot. */
export const CHANCE_LINE_PROPS = {
  stroke: CHART_COLOURS.chance,
  strokeDasharray: '4 4',
  ifOverflow: 'extendDomain',
  label: { value: 'chance', fontSize: 10, position: 'insideTopRight', fill: CHART_COLOURS.chance },
} as const;
