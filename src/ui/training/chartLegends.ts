import type { LegendItem } from '../charts/ChartLegend';
import { CHART_COLOURS, seriesColour } from '../charts/chartStyle';

/** The loss chart's legend: raw and smoothed loss, the range band, and chance when the grid is valid. */
export function lossLegend(chance: number | null): LegendItem[] {
  const items: LegendItem[] = [
    { label: 'loss per step', colour: CHART_COLOURS.raw, mark: 'line' },
    { label: 'smoothed', colour: CHART_COLOURS.cpc, mark: 'thick' },
    { label: 'lowest–highest', colour: CHART_COLOURS.raw, mark: 'band' },
  ];
  if (chance !== null)
    items.push({ label: `chance (${chance.toFixed(2)})`, colour: CHART_COLOURS.chance, mark: 'dashed' });
  return items;
}

/** The accuracy chart's legend: the total, one entry per k in its line's colour, and chance. */
export function accuracyLegend(ks: readonly number[], chance: number): LegendItem[] {
  return [
    { label: 'all k', colour: CHART_COLOURS.cpc, mark: 'thick' },
    ...ks.map((k, i): LegendItem => ({ label: `k=${k}`, colour: seriesColour(i), mark: 'line' })),
    { label: `chance (${(100 * chance).toFixed(1)}%)`, colour: CHART_COLOURS.chance, mark: 'dashed' },
  ];
}
