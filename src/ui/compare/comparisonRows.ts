import { IMAGE_FEATURE_INFO } from '../../cpc/model/imageFeatureInfo';
import { presetById } from '../../cpc/presets';
import type { SavedRunSummary } from '../keep/savedRun';
import { percent, type ProbePoint } from '../learned/probeHistory';
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
  /** Each run's last probe: linear and kNN, on CPC's features, a random-init encoder's and raw pixels. */
  probes: ComparisonRow[];
}

const NONE = '—';

export function comparisonTable(runs: readonly SavedRunSummary[]): ComparisonTable {
  const cells = (value: (run: SavedRunSummary) => string) => runs.map(value);
  const probe = (score: (p: ProbePoint) => number | undefined) =>
    cells((run) => {
      const value = run.lastProbe ? score(run.lastProbe) : undefined;
      return value === undefined ? NONE : percent(value);
    });
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
      {
        id: 'probe-feature',
        label: 'Features',
        title: 'How each image became one vector for the probe',
        values: cells((run) =>
          run.lastProbe?.feature ? IMAGE_FEATURE_INFO[run.lastProbe.feature].title : NONE,
        ),
      },
      { id: 'cpc-linear', label: 'CPC linear', values: probe((p) => p.cpc.linear) },
      { id: 'cpc-knn', label: 'CPC kNN', values: probe((p) => p.cpc.knn) },
      { id: 'random-linear', label: 'Random init linear', values: probe((p) => p.randomInit.linear) },
      { id: 'random-knn', label: 'Random init kNN', values: probe((p) => p.randomInit.knn) },
      { id: 'pixels-linear', label: 'Raw pixels linear', values: probe((p) => p.pixels?.linear) },
      { id: 'pixels-knn', label: 'Raw pixels kNN', values: probe((p) => p.pixels?.knn) },
    ],
  };
}
