/**
 * CpcConfig: every knob of a CPC run, declared once. The FIELDS table below is the single source for
 * defaults, documentation, parsing limits and whether a change needs a restart (new weights) or can be
 * applied live between two steps. UI controls, URL sharing and validation all read this table.
 */

export type EncoderKind = 'simple-cnn' | 'resnet';
export type NormKind = 'none' | 'batch' | 'layer';
export type ContextKind = 'gru' | 'lstm' | 'masked-conv';
export type DirectionMode = 'top-down' | 'all';
export type LossKind = 'infonce' | 'bce';
export type CandidateKind = 'sampled' | 'row';
export type ScheduleKind = 'constant' | 'cosine';

export interface CpcConfig {
  /** Seed for weights, batches, augmentation and negatives: same seed, same run. */
  seed: number;
  /** Side in pixels of the square training image (images are resized to it). */
  imageSize: number;
  /** 1 = grayscale, 3 = RGB. */
  channels: 1 | 3;
  /** Side of one square patch in pixels. */
  patchSize: number;
  /** Pixels between neighbouring patch origins; stride < patch means overlapping patches. */
  patchStride: number;

  /** Random sub-crop padded back into place (CPC v1 spatial jitter); 0 = off, 1 = crop up to half the patch. */
  augJitter: number;
  /** Probability of flipping a patch left-right. */
  augFlip: number;
  /**
   * Probability of keeping only one random colour channel, the others set to mid-grey (CPC v2 colour
   * dropping). On by default: on RGB data it stops the encoder matching patches by colour alone; on
   * grayscale it does nothing.
   */
  augColorDrop: number;
  /** Strength of random brightness, contrast and saturation changes per patch. */
  augColorJitter: number;
  /** Probability of turning a patch grayscale. */
  augGrayscale: number;
  /** Strength of random shear and rotation (1 = up to ±30° rotation and ±0.3 shear). */
  augShearRotate: number;
  /** Strength of elastic deformation (1 = displacements up to a quarter of the patch). */
  augElastic: number;

  /** Patch encoder f: Keras-style stack of strided convs, or a small pre-activation ResNet. */
  encoder: EncoderKind;
  /** Filters per conv layer (simple CNN) or channels of the residual stream (ResNet). */
  encoderWidth: number;
  /** Conv layers (simple CNN) or residual blocks (ResNet). */
  encoderDepth: number;
  /** Width of the dense layer after the convs in the simple CNN; 0 = none. */
  encoderHidden: number;
  /** Length of the patch code z. */
  codeSize: number;
  /** Normalisation inside the encoder. Layer norm by default: batch norm lets CPC cheat (see nn/norm.ts). */
  norm: NormKind;

  /** Autoregressive context model g_ar. */
  context: ContextKind;
  /** Size of the context vector c_t. */
  contextHidden: number;
  /** Number of causal conv layers (masked-conv only). */
  contextLayers: number;
  /** Predict top→bottom only (CPC v1) or from all four sides (CPC v2). */
  directions: DirectionMode;
  /** Smallest step ahead to predict; 'auto' skips k=1 when patches overlap by half or more. */
  kMin: 'auto' | number;
  /** Largest step ahead to predict (rows below the context row). */
  kMax: number;

  /** InfoNCE (softmax over positive + negatives) or sigmoid + binary cross-entropy per candidate. */
  loss: LossKind;
  /**
   * What each prediction is scored against besides its true patch: `negatives` patches sampled from the
   * batch (the Keras implementation), or every patch of the target row in the batch, from every image
   * (the paper's InfoNCE: B·G candidates, many more and harder than a few samples).
   */
  candidates: CandidateKind;
  /** Negatives scored against each prediction (candidates = 'sampled'). */
  negatives: number;
  /** Fraction of negatives taken from other positions of the same image (the rest from other images). */
  sameImageNegatives: number;

  /** Images per training step. */
  batchSize: number;
  /** Peak Adam learning rate. */
  learningRate: number;
  /** Steps of linear warm-up from 0 to the peak learning rate. */
  warmupSteps: number;
  /** Learning-rate shape after warm-up. */
  schedule: ScheduleKind;
  /** Length of the cosine schedule in steps (it stays at the floor afterwards). */
  scheduleSteps: number;
  /** Floor of the cosine schedule as a fraction of the peak learning rate. */
  minLearningRateRatio: number;
  /** Decoupled weight decay (AdamW) on weight matrices; biases and norm gains are not decayed. */
  weightDecay: number;
  /** Clip the global gradient norm to this value; 0 = off. */
  gradClip: number;
}

interface FieldBase {
  doc: string;
  /** true: changing it rebuilds the model (weights are lost); false: applied live between steps. */
  restart: boolean;
}
export type FieldSpec =
  | (FieldBase & { type: 'int' | 'float'; min: number; max: number; default: number })
  | (FieldBase & { type: 'enum'; options: readonly (string | number)[]; default: string | number })
  | (FieldBase & { type: 'int-or-auto'; min: number; max: number; default: 'auto' | number });

const f = (
  type: 'int' | 'float',
  min: number,
  max: number,
  def: number,
  restart: boolean,
  doc: string,
): FieldSpec => ({ type, min, max, default: def, restart, doc });
const e = (
  options: readonly (string | number)[],
  def: string | number,
  restart: boolean,
  doc: string,
): FieldSpec => ({
  type: 'enum',
  options,
  default: def,
  restart,
  doc,
});

export const FIELDS: { readonly [K in keyof CpcConfig]: FieldSpec } = {
  seed: f('int', 0, 2 ** 31 - 1, 1, true, 'Seed for weights, batches, augmentation and negatives.'),
  imageSize: f('int', 8, 256, 28, true, 'Training image side in pixels.'),
  channels: e([1, 3], 1, true, 'Grayscale (1) or RGB (3).'),
  patchSize: f('int', 2, 128, 8, true, 'Patch side in pixels.'),
  patchStride: f('int', 1, 128, 4, true, 'Pixels between patch origins.'),
  augJitter: f('float', 0, 1, 0.5, false, 'Spatial jitter: random sub-crop padded back.'),
  augFlip: f('float', 0, 1, 0, false, 'Probability of a left-right flip per patch.'),
  augColorDrop: f('float', 0, 1, 0.5, false, 'Probability of keeping one colour channel (RGB).'),
  augColorJitter: f('float', 0, 1, 0.2, false, 'Brightness/contrast/saturation jitter strength.'),
  augGrayscale: f('float', 0, 1, 0, false, 'Probability of a grayscale patch.'),
  augShearRotate: f('float', 0, 1, 0, false, 'Shear and rotation strength.'),
  augElastic: f('float', 0, 1, 0, false, 'Elastic deformation strength.'),
  encoder: e(['simple-cnn', 'resnet'], 'simple-cnn', true, 'Patch encoder architecture.'),
  encoderWidth: f('int', 4, 256, 64, true, 'Encoder channels.'),
  encoderDepth: f('int', 1, 8, 2, true, 'Conv layers or residual blocks.'),
  encoderHidden: f('int', 0, 1024, 128, true, 'Dense width after the convs (simple CNN); 0 = none.'),
  codeSize: f('int', 4, 512, 64, true, 'Length of the patch code z.'),
  norm: e(['none', 'batch', 'layer'], 'layer', true, 'Normalisation in the encoder.'),
  context: e(['gru', 'lstm', 'masked-conv'], 'gru', true, 'Autoregressive context model.'),
  contextHidden: f('int', 4, 512, 64, true, 'Size of the context vector c_t.'),
  contextLayers: f('int', 1, 6, 2, true, 'Causal conv layers (masked-conv).'),
  directions: e(['top-down', 'all'], 'top-down', true, 'Top→bottom only, or all four directions.'),
  kMin: { type: 'int-or-auto', min: 1, max: 32, default: 'auto', restart: true, doc: 'Smallest step ahead.' },
  kMax: f('int', 1, 32, 4, true, 'Largest step ahead.'),
  loss: e(['infonce', 'bce'], 'infonce', true, 'Contrastive loss.'),
  candidates: e(
    ['sampled', 'row'],
    'sampled',
    false,
    'Sampled negatives, or every patch of the target row in the batch.',
  ),
  negatives: f('int', 1, 1024, 15, false, 'Negatives per prediction (sampled candidates).'),
  sameImageNegatives: f('float', 0, 1, 0.25, false, 'Share of negatives from the same image.'),
  batchSize: f('int', 1, 256, 16, false, 'Images per step.'),
  // Absurd values are allowed on purpose: watching a run blow up (and recover) is part of the lesson.
  learningRate: f('float', 0, 1e6, 2e-3, false, 'Peak learning rate.'),
  warmupSteps: f('int', 0, 100000, 50, false, 'Linear warm-up steps.'),
  schedule: e(['constant', 'cosine'], 'cosine', false, 'Learning-rate schedule after warm-up.'),
  scheduleSteps: f('int', 1, 10_000_000, 5000, false, 'Cosine schedule length in steps.'),
  minLearningRateRatio: f('float', 0, 1, 0.05, false, 'Cosine floor as a fraction of the peak.'),
  weightDecay: f('float', 0, 1, 1e-4, false, 'AdamW weight decay.'),
  gradClip: f('float', 0, 1000, 1, false, 'Global gradient-norm clip; 0 = off.'),
};

export const CONFIG_KEYS = Object.keys(FIELDS) as (keyof CpcConfig)[];

/** Fields that apply between two steps without new weights (FIELDS[key].restart === false; tested). */
export const LIVE_KEYS = [
  'augJitter',
  'augFlip',
  'augColorDrop',
  'augColorJitter',
  'augGrayscale',
  'augShearRotate',
  'augElastic',
  'candidates',
  'negatives',
  'sameImageNegatives',
  'batchSize',
  'learningRate',
  'warmupSteps',
  'schedule',
  'scheduleSteps',
  'minLearningRateRatio',
  'weightDecay',
  'gradClip',
] as const satisfies readonly (keyof CpcConfig)[];
export type LiveKey = (typeof LIVE_KEYS)[number];
/** A change that can be applied to a running trainer. */
export type LiveConfig = Partial<Pick<CpcConfig, LiveKey>>;

export const DEFAULT_CONFIG: CpcConfig = Object.fromEntries(
  CONFIG_KEYS.map((key) => [key, FIELDS[key].default]),
) as unknown as CpcConfig;

export interface ConfigIssue {
  key: string;
  value: unknown;
  reason: string;
}

/**
 * Reads an untrusted partial config (a URL, a checkpoint, a JSON file). Unknown keys and invalid values
 * fall back to their defaults and are reported, never silently dropped.
 */
export function parseConfig(input: unknown): { config: CpcConfig; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const config: Record<string, unknown> = { ...DEFAULT_CONFIG };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    if (input !== undefined) issues.push({ key: '(config)', value: input, reason: 'not an object' });
    return { config: config as unknown as CpcConfig, issues };
  }
  for (const [key, raw] of Object.entries(input as Record<string, unknown>)) {
    // Own keys only: `key in FIELDS` would take 'toString' or '__proto__' from a hostile file.
    if (!Object.hasOwn(FIELDS, key)) {
      issues.push({ key, value: raw, reason: 'unknown field' });
      continue;
    }
    const parsed = parseField(FIELDS[key as keyof CpcConfig], raw);
    if (parsed.ok) config[key] = parsed.value;
    else issues.push({ key, value: raw, reason: parsed.reason });
  }
  return { config: config as unknown as CpcConfig, issues };
}

type Parsed = { ok: true; value: string | number } | { ok: false; reason: string };

/** Parses one value (number or string, as it comes from JSON or a URL) against its spec. */
export function parseField(spec: FieldSpec, raw: unknown): Parsed {
  if (spec.type === 'enum') {
    const hit = spec.options.find((option) => String(option) === String(raw));
    return hit === undefined
      ? { ok: false, reason: `expected one of ${spec.options.join(', ')}` }
      : { ok: true, value: hit };
  }
  if (spec.type === 'int-or-auto' && raw === 'auto') return { ok: true, value: 'auto' };
  const value =
    typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(value)) return { ok: false, reason: 'not a finite number' };
  if (spec.type !== 'float' && !Number.isInteger(value)) return { ok: false, reason: 'not an integer' };
  if (value < spec.min || value > spec.max)
    return { ok: false, reason: `outside [${spec.min}, ${spec.max}]` };
  return { ok: true, value };
}

/** Keys whose values differ between two configs and need a restart (new weights) to take effect. */
export function restartKeysChanged(a: CpcConfig, b: CpcConfig): (keyof CpcConfig)[] {
  return CONFIG_KEYS.filter((key) => FIELDS[key].restart && a[key] !== b[key]);
}
