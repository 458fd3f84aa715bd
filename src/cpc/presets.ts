import { DEFAULT_CONFIG, type CpcConfig } from './config';
import { AUGMENTATION_SECTION } from './config/trainingFields';

export type PresetId = 'default' | 'quick-demo' | 'keras-cpc' | 'cpc-v2';

export interface Preset {
  id: PresetId;
  title: string;
  /** One line for the UI: what the preset is and why you would pick it. */
  summary: string;
  config: CpcConfig;
}

/** Every per-patch augmentation off: 0 for each field of the augmentation section. */
export const AUGMENTATION_OFF = Object.fromEntries(
  Object.keys(AUGMENTATION_SECTION.fields).map((key) => [key, 0]),
) as Record<keyof typeof AUGMENTATION_SECTION.fields, 0>;

/** Starting points, sized for 28 px images (6×6 grid of 8 px patches, 50 % overlap). */
export const PRESETS: readonly Preset[] = [
  {
    id: 'default',
    title: 'Default',
    summary: 'Small CNN + GRU, layer norm, InfoNCE, top→bottom: a sound baseline that trains in minutes.',
    config: DEFAULT_CONFIG,
  },
  {
    id: 'quick-demo',
    title: 'Quick demo',
    summary: 'Tiny and fast on any machine: the loss leaves chance within a minute even on a CPU.',
    config: {
      ...DEFAULT_CONFIG,
      encoderWidth: 16,
      encoderHidden: 0,
      codeSize: 32,
      contextHidden: 32,
      kMax: 3,
      batchSize: 8,
      learningRate: 3e-3,
      warmupSteps: 20,
      scheduleSteps: 2000,
    },
  },
  {
    id: 'keras-cpc',
    title: 'Keras CPC (the classic)',
    summary:
      'The well-known Keras implementation: 4 conv blocks with batch norm, dense 256, GRU 256, sigmoid + BCE (per prediction; Keras scores whole sequences).',
    config: {
      ...DEFAULT_CONFIG,
      ...AUGMENTATION_OFF,
      encoder: 'simple-cnn',
      encoderWidth: 64,
      encoderDepth: 4,
      encoderHidden: 256,
      codeSize: 128,
      norm: 'batch',
      context: 'gru',
      contextHidden: 256,
      directions: 'top-down',
      kMax: 4,
      loss: 'bce',
      negatives: 15,
      batchSize: 32,
      learningRate: 1e-3,
      warmupSteps: 0,
      schedule: 'constant',
    },
  },
  {
    id: 'cpc-v2',
    title: 'CPC v2',
    summary:
      'Hénaff et al.: ResNet with layer norm, predictions from all four sides, InfoNCE, full per-patch augmentation.',
    config: {
      ...DEFAULT_CONFIG,
      encoder: 'resnet',
      encoderWidth: 32,
      encoderDepth: 3,
      codeSize: 64,
      norm: 'layer',
      context: 'masked-conv',
      contextHidden: 64,
      contextLayers: 2,
      directions: 'all',
      kMax: 4,
      loss: 'infonce',
      negatives: 31,
      sameImageNegatives: 0.25,
      augJitter: 0.5,
      augFlip: 0.5,
      augColorDrop: 0.5,
      augColorJitter: 0.4,
      augGrayscale: 0.2,
      augShearRotate: 0.3,
      augElastic: 0.2,
      batchSize: 16,
      learningRate: 2e-3,
    },
  },
];

export function presetById(id: PresetId): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`Unknown preset '${id}'.`);
  return preset;
}
