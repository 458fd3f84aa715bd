/**
 * CpcConfig: every knob of a CPC run, declared once, one row per field, in the sections of
 * config/modelFields.ts and config/trainingFields.ts. A row gives the field's kind, limits, default,
 * whether a change applies live between two steps, its label and its doc. The CpcConfig type, the
 * defaults, the live keys and the model panel's sections are all derived from those rows, so "go to
 * definition" on any CpcConfig property lands on its row.
 */
import { parseField, type FieldValue } from './config/fieldKinds';
import { CONTEXT_SECTION, ENCODER_SECTION, IMAGE_SECTION } from './config/modelFields';
import { AUGMENTATION_SECTION, LOSS_SECTION, OPTIMISATION_SECTION } from './config/trainingFields';

export { parseField, type FieldSpec, type Parsed } from './config/fieldKinds';

/** The model panel's sections, in the order a reader meets the ideas; FIELDS keeps the same order. */
export const FIELD_SECTIONS = [
  IMAGE_SECTION,
  ENCODER_SECTION,
  CONTEXT_SECTION,
  LOSS_SECTION,
  OPTIMISATION_SECTION,
  AUGMENTATION_SECTION,
] as const;

export const FIELDS = {
  ...IMAGE_SECTION.fields,
  ...ENCODER_SECTION.fields,
  ...CONTEXT_SECTION.fields,
  ...LOSS_SECTION.fields,
  ...OPTIMISATION_SECTION.fields,
  ...AUGMENTATION_SECTION.fields,
};
type Fields = typeof FIELDS;

export type CpcConfig = { -readonly [K in keyof Fields]: FieldValue<Fields[K]> };

export type EncoderKind = CpcConfig['encoder'];
export type NormKind = CpcConfig['norm'];
export type ContextKind = CpcConfig['context'];
export type DirectionMode = CpcConfig['directions'];
export type LossKind = CpcConfig['loss'];
export type CandidateKind = CpcConfig['candidates'];
export type ScheduleKind = CpcConfig['schedule'];

export const CONFIG_KEYS = Object.keys(FIELDS) as (keyof CpcConfig)[];

/** Fields whose row says `live: true`: they apply between two steps without new weights. */
export type LiveKey = { [K in keyof Fields]: Fields[K]['live'] extends true ? K : never }[keyof Fields];
export const LIVE_KEYS: readonly LiveKey[] = CONFIG_KEYS.filter((key): key is LiveKey => FIELDS[key].live);
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

/** Keys whose values differ between two configs and need a restart (new weights) to take effect. */
export function restartKeysChanged(a: CpcConfig, b: CpcConfig): (keyof CpcConfig)[] {
  return CONFIG_KEYS.filter((key) => !FIELDS[key].live && a[key] !== b[key]);
}
