import { presetById } from '../../cpc/presets';
import type { SavedRunSummary } from '../keep/savedRun';
import { percent } from '../learned/probeHistory';
import { differingFields } from './configDiff';

export interface ComparisonRow {
  /** Stable React key. */
  id: string;
  label: string;
  /** A longer explanation for the row header's tooltip. */
  title?: string;
  /** One cell per run. */
  values: string[];
}

export interface ComparisonTable {
  /** What the runs are: dataset, preset, steps trained. */
  about: ComparisonRow[];
  /** Only the config fields that differ. */
  config: ComparisonRow[];
  /** Each run's last probe: linear and kNN, on CPC codes and on a random-init encoder. */
  probes: ComparisonRow[];
}

const NONE = '—';

export function comparisonTable(runs: readonly SavedRunSummary[]): ComparisonTable {
  const cells = (value: (run: SavedRunSummary) => string) => runs.map(value);
  const probe = (score: (p: NonNullable<SavedRunSummary['lastProbe']>) => number) =>
    cells((run) => (run.lastProbe ? percent(score(run.lastProbe)) : NONE));
  return {
    about: [
      { id: 'dataset', label: 'Dataset', values: cells((run) => run.datasetTitle) },
      {
        id: 'preset',
        label: 'Preset',
        values: cells((run) => (run.presetId ? presetById(run.presetId).title : 'custom')),
      },
      { id: 'steps', label: 'Steps', values: cells((run) => String(run.step)) },
    ],
    config: differingFields(runs.map((run) => run.config)).map((d) => ({
      id: `config-${d.key}`,
      label: d.label,
      title: d.doc,
      values: d.values,
    })),
    probes: [
      {
        id: 'probe-step',
        label: 'Probed at step',
        values: cells((run) => String(run.lastProbe?.step ?? NONE)),
      },
      { id: 'cpc-linear', label: 'CPC linear', values: probe((p) => p.cpc.linear) },
      { id: 'cpc-knn', label: 'CPC kNN', values: probe((p) => p.cpc.knn) },
      { id: 'random-linear', label: 'Random init linear', values: probe((p) => p.randomInit.linear) },
      { id: 'random-knn', label: 'Random init kNN', values: probe((p) => p.randomInit.knn) },
    ],
  };
}
