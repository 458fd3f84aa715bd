import type { CpcConfig } from '../../cpc/config';
import type { GeometryResult } from '../../cpc/geometry';
import { candidateCount } from '../../cpc/losses/negatives';
import { chanceAccuracy } from '../store/configLogic';

export interface GeometryLine {
  label: string;
  value: string;
}

/** The numbers the patch grid implies, as label/value lines for the model panel and the CPC strip. */
export function geometryLines(config: CpcConfig, result: GeometryResult): GeometryLine[] {
  const g = result.geometry;
  if (!g) return [];
  const directions = g.directions.length;
  return [
    { label: 'Grid', value: `${g.grid}×${g.grid} patches of ${g.patchSize} px, stride ${g.stride}` },
    { label: 'Overlap', value: `${Math.round(g.overlap * 100)}% of a patch` },
    { label: 'Steps ahead (k)', value: g.ks.length === 1 ? `${g.kMin}` : `${g.kMin}…${g.kMax}` },
    {
      label: 'Predictions per image',
      value:
        directions > 1
          ? `${g.predictionsPerImage * directions} (${g.predictionsPerImage} × ${directions} directions)`
          : `${g.predictionsPerImage}`,
    },
    {
      label: 'Candidates per prediction',
      value:
        config.candidates === 'row'
          ? `${candidateCount(config, g.grid)} (every patch of the target row in the batch)`
          : `${candidateCount(config, g.grid)} (the true patch and ${config.negatives} negatives)`,
    },
    { label: 'Chance accuracy', value: formatPercent(chanceAccuracy(config)) },
  ];
}

export function formatPercent(fraction: number): string {
  return `${(100 * fraction).toFixed(1)}%`;
}
