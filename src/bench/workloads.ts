import { DEFAULT_CONFIG, type CpcConfig } from '../cpc/config';
import { AUGMENTATION_OFF, presetById } from '../cpc/presets';

/** What the benchmark trains: four presets and the reference workload. */
export type WorkloadId = 'quick-demo' | 'default' | 'keras-cpc' | 'cpc-v2' | 'reference';
export const WORKLOAD_IDS: readonly WorkloadId[] = [
  'quick-demo',
  'default',
  'keras-cpc',
  'cpc-v2',
  'reference',
];

/**
 * The workload of issue 6, which the PyTorch reference also runs: batch 16 of 28×28, a 6×6 grid of 8 px
 * patches with stride 4, a 2-conv encoder, GRU(64), k = 1..3, InfoNCE. kMin 1 overlaps its context row
 * (auto would choose 2); it is the measured workload anyway. No augmentation, so a step is the model's
 * work, as in the PyTorch reference, which trains on a fixed batch.
 */
export const REFERENCE_WORKLOAD: CpcConfig = {
  ...DEFAULT_CONFIG,
  imageSize: 28,
  channels: 1,
  patchSize: 8,
  patchStride: 4,
  encoder: 'simple-cnn',
  encoderDepth: 2,
  context: 'gru',
  contextHidden: 64,
  directions: 'top-down',
  kMin: 1,
  kMax: 3,
  loss: 'infonce',
  batchSize: 16,
  ...AUGMENTATION_OFF,
};

export function isWorkloadId(value: string): value is WorkloadId {
  return (WORKLOAD_IDS as readonly string[]).includes(value);
}

/** The workload's config with the benchmark's overrides (`--batch`, `--config`) applied on top. */
export function workloadConfig(id: WorkloadId, overrides: Partial<CpcConfig> = {}): CpcConfig {
  const base = id === 'reference' ? REFERENCE_WORKLOAD : presetById(id).config;
  return { ...base, ...overrides };
}
