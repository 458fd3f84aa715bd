import { FIELDS, parseField, type CpcConfig, type FieldSpec } from '../../cpc/config';

/** Short names for the controls (FIELDS.doc carries the one-line explanation). */
export const FIELD_LABELS: { readonly [K in keyof CpcConfig]: string } = {
  seed: 'Seed',
  imageSize: 'Image size (px)',
  channels: 'Channels',
  patchSize: 'Patch size (px)',
  patchStride: 'Patch stride (px)',
  augJitter: 'Spatial jitter',
  augFlip: 'Flip probability',
  augColorDrop: 'Colour dropping',
  augColorJitter: 'Colour jitter',
  augGrayscale: 'Grayscale probability',
  augShearRotate: 'Shear / rotation',
  augElastic: 'Elastic deformation',
  encoder: 'Encoder',
  encoderWidth: 'Encoder width',
  encoderDepth: 'Encoder depth',
  encoderHidden: 'Dense width',
  codeSize: 'Code size (z)',
  norm: 'Normalisation',
  context: 'Context model',
  contextHidden: 'Context size (c)',
  contextLayers: 'Context layers',
  directions: 'Directions',
  kMin: 'Smallest k',
  kMax: 'Largest k',
  loss: 'Loss',
  candidates: 'Candidates',
  negatives: 'Negatives',
  sameImageNegatives: 'Same-image negatives',
  batchSize: 'Batch size',
  learningRate: 'Learning rate',
  warmupSteps: 'Warm-up steps',
  schedule: 'Schedule',
  scheduleSteps: 'Schedule length',
  minLearningRateRatio: 'LR floor (× peak)',
  weightDecay: 'Weight decay',
  gradClip: 'Gradient clip',
};

/** The model panel's sections, in the order a reader meets the ideas. Every key appears once (tested). */
export const FIELD_GROUPS: readonly { title: string; keys: readonly (keyof CpcConfig)[] }[] = [
  { title: 'Image and patches', keys: ['imageSize', 'channels', 'patchSize', 'patchStride', 'seed'] },
  {
    title: 'Encoder',
    keys: ['encoder', 'encoderWidth', 'encoderDepth', 'encoderHidden', 'codeSize', 'norm'],
  },
  {
    title: 'Context and prediction',
    keys: ['context', 'contextHidden', 'contextLayers', 'directions', 'kMin', 'kMax'],
  },
  { title: 'Loss and negatives', keys: ['loss', 'candidates', 'negatives', 'sameImageNegatives'] },
  {
    title: 'Optimisation',
    keys: [
      'batchSize',
      'learningRate',
      'warmupSteps',
      'schedule',
      'scheduleSteps',
      'minLearningRateRatio',
      'weightDecay',
      'gradClip',
    ],
  },
  {
    title: 'Augmentation (per patch)',
    keys: [
      'augJitter',
      'augFlip',
      'augColorDrop',
      'augColorJitter',
      'augGrayscale',
      'augShearRotate',
      'augElastic',
    ],
  },
];

export type ControlKind = 'select' | 'slider' | 'number';

/** Fields in [0, 1] whose useful values are far below the slider's resolution. */
const FINE_FLOATS: ReadonlySet<keyof CpcConfig> = new Set(['weightDecay']);
export const SLIDER_STEP = 0.05;

/** Options are a select; probabilities and strengths in [0, 1] a slider; everything else a number box. */
export function controlKind(key: keyof CpcConfig): ControlKind {
  const spec = FIELDS[key];
  if (spec.type === 'enum') return 'select';
  if (spec.type === 'float' && spec.min === 0 && spec.max === 1 && !FINE_FLOATS.has(key)) return 'slider';
  return 'number';
}

export type ParsedControl<K extends keyof CpcConfig> =
  { ok: true; value: CpcConfig[K] } | { ok: false; reason: string };

/** Reads what the user typed or picked against the field's spec (the same rules as a URL or checkpoint). */
export function parseControlValue<K extends keyof CpcConfig>(key: K, text: string): ParsedControl<K> {
  const spec: FieldSpec = FIELDS[key];
  const parsed = parseField(spec, text.trim());
  return parsed.ok ? { ok: true, value: parsed.value as CpcConfig[K] } : parsed;
}

/** What the number box shows for a value (small rates in exponent form so 2e-3 stays readable). */
export function formatControlValue(value: CpcConfig[keyof CpcConfig]): string {
  if (typeof value !== 'number') return String(value);
  return value !== 0 && Math.abs(value) < 1e-3 ? value.toExponential() : String(value);
}

/**
 * Values that mean something other than their number, said in words beside the control: a dense width
 * of 0 is no dense layer at all, not a layer of width 0.
 */
export function valueMeaning<K extends keyof CpcConfig>(key: K, value: CpcConfig[K]): string | null {
  if (key === 'encoderHidden' && value === 0) return 'none (no dense layer)';
  return null;
}
