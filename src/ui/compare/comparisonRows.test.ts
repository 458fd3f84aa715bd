import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import type { SavedRunSummary } from '../keep/savedRun';
import { comparisonTable } from './comparisonRows';

const summary = (id: string, overrides: Partial<SavedRunSummary>): SavedRunSummary => ({
  id,
  name: id,
  dataset: { kind: 'builtin', name: 'fashion-mnist' },
  datasetTitle: 'Fashion-MNIST',
  presetId: 'default',
  config: DEFAULT_CONFIG,
  backend: 'auto',
  step: 100,
  lastProbe: null,
  checkpointBytes: 0,
  storedImagesBytes: 0,
  createdAt: 0,
  updatedAt: 0,
  ...overrides,
});

describe('comparisonTable', () => {
  const table = comparisonTable([
    summary('batch norm', {
      presetId: null,
      config: { ...DEFAULT_CONFIG, norm: 'batch' },
      step: 500,
      lastProbe: {
        step: 480,
        feature: 'grid3-z',
        cpc: { linear: 0.8125, knn: 0.75 },
        randomInit: { linear: 0.5, knn: 0.4375 },
        pixels: { linear: 0.625, knn: 0.5625 },
      },
    }),
    summary('layer norm', {}),
    // Saved before probes recorded their feature and raw pixels.
    summary('older', {
      lastProbe: { step: 90, cpc: { linear: 0.75, knn: 0.75 }, randomInit: { linear: 0.5, knn: 0.5 } },
    }),
  ]);

  it('describes each run', () => {
    expect(table.about.map((r) => [r.label, ...r.values])).toEqual([
      ['Dataset', 'Fashion-MNIST', 'Fashion-MNIST', 'Fashion-MNIST'],
      ['Preset', 'custom', 'Default', 'Default'],
      ['Steps', '500', '100', '100'],
    ]);
  });

  it('shows only the config fields that differ', () => {
    expect(table.config.map((r) => [r.id, r.label, ...r.values])).toEqual([
      ['config-norm', 'Normalisation', 'batch', 'layer', 'layer'],
    ]);
  });

  it("shows each run's last probe for CPC, random init and raw pixels, or a dash where there is none", () => {
    expect(table.probes.map((r) => [r.label, ...r.values])).toEqual([
      ['Probed at step', '480', '—', '90'],
      ['Features', 'z on a 3×3 grid', '—', '—'],
      ['CPC linear', '81.3%', '—', '75.0%'],
      ['CPC kNN', '75.0%', '—', '75.0%'],
      ['Random init linear', '50.0%', '—', '50.0%'],
      ['Random init kNN', '43.8%', '—', '50.0%'],
      ['Raw pixels linear', '62.5%', '—', '—'],
      ['Raw pixels kNN', '56.3%', '—', '—'],
    ]);
  });
});
