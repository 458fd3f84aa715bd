import { FIELD_SECTIONS, FIELDS, parseField, type CpcConfig, type FieldSpec } from '../../cpc/config';

/** The model panel's sections, as the config table declares them: every key appears once. */
export const FIELD_GROUPS: readonly { title: string; keys: readonly (keyof CpcConfig)[] }[] =
  FIELD_SECTIONS.map(({ title, fields }) => ({ title, keys: Object.keys(fields) as (keyof CpcConfig)[] }));

export type ControlKind = 'select' | 'slider' | 'number';

export const SLIDER_STEP = 0.05;

/** Options are a select; probabilities and strengths in [0, 1] a slider; everything else a number box. */
export function controlKind(key: keyof CpcConfig): ControlKind {
  const spec = FIELDS[key];
  if (spec.type === 'enum') return 'select';
  if (spec.type !== 'float' || spec.min !== 0 || spec.max !== 1) return 'number';
  // A default finer than one slider step (weight decay's 1e-4) would snap to 0 on a slider.
  return spec.default !== 0 && spec.default < SLIDER_STEP ? 'number' : 'slider';
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
