import type { CpcConfig } from '../../cpc/config';
import type { GeometryResult } from '../../cpc/geometry';
import { candidateCount } from '../../cpc/losses/negatives';
import { EXPLAIN } from '../explain/explanations';
import { chanceAccuracy } from '../store/configLogic';

export interface GeometryLine {
  label: string;
  value: string;
  /** What the number means, one line (shown on hover and focus). */
  explain: string;
}

/** The numbers the patch grid implies, as label/value lines for the model panel and the CPC strip. */
export function geometryLines(config: CpcConfig, result: GeometryResult): GeometryLine[] {
  const g = result.geometry;
  if (!g) return [];
  const directions = g.directions.length;
  const candidates = candidateCount(config, g.grid);
  return [
    {
      label: 'Grid',
      value: `${g.grid}×${g.grid} patches of ${g.patchSize} px, stride ${g.stride}`,
      explain: EXPLAIN.grid,
    },
    { label: 'Overlap', value: `${Math.round(g.overlap * 100)}% of a patch`, explain: EXPLAIN.overlap },
    {
      label: 'Steps ahead (k)',
      value: g.ks.length === 1 ? `${g.kMin}` : `${g.kMin}…${g.kMax}`,
      explain: EXPLAIN.steps,
    },
    {
      label: 'Predictions per image',
      value:
        directions > 1
          ? `${g.predictionsPerImage * directions} (${g.predictionsPerImage} × ${directions} directions)`
          : `${g.predictionsPerImage}`,
      explain: EXPLAIN.predictions,
    },
    {
      label: 'Candidates per prediction',
      value:
        config.candidates === 'row'
          ? `${candidates} (every patch of the target row in the batch)`
          : `${candidates} (the true patch and ${config.negatives} negatives)`,
      explain: EXPLAIN.candidates,
    },
    {
      label: 'Chance accuracy',
      value: formatPercent(chanceAccuracy(config)),
      explain: EXPLAIN.chanceAccuracy(candidates),
    },
  ];
}

export function formatPercent(fraction: number): string {
  return `${(100 * fraction).toFixed(1)}%`;
}
