/**
 * The four kinds of config field, written as keyword constructors so a table row reads on its own:
 * `float({ min: 0, max: 1, default: 0.5, live: true, label, doc })`. Each constructor keeps what the type
 * system needs: a choice's options as their union (a typo in an option or a default is a type error)
 * and `live` as the literal `true` or `false`, from which LiveKey is derived.
 */

interface FieldBase<Live extends boolean> {
  /** Short name of the control, e.g. 'Code size (z)'. */
  label: string;
  /** What the field does, in one sentence: shown beside its control. */
  doc: string;
  /** true: applied between two steps, the weights are kept; false: a change needs a new model. */
  live: Live;
}
export interface NumberField<Live extends boolean = boolean> extends FieldBase<Live> {
  type: 'int' | 'float';
  min: number;
  max: number;
  default: number;
}
export interface IntOrAutoField<Live extends boolean = boolean> extends FieldBase<Live> {
  type: 'int-or-auto';
  min: number;
  max: number;
  default: 'auto' | number;
}
export interface ChoiceField<
  Option extends string | number = string | number,
  Live extends boolean = boolean,
> extends FieldBase<Live> {
  type: 'enum';
  options: readonly Option[];
  default: Option;
}
export type FieldSpec = NumberField | IntOrAutoField | ChoiceField;

/** The value a field holds in CpcConfig: a choice's union of options, a number, or 'auto'. */
export type FieldValue<Spec> =
  Spec extends ChoiceField<infer Option> ? Option : Spec extends IntOrAutoField ? 'auto' | number : number;

/** Keywords every kind takes; `live` may be left out and is then false (a change needs a restart). */
interface Keywords<Value, Live extends boolean> {
  default: Value;
  live?: Live;
  label: string;
  doc: string;
}
type Range = { min: number; max: number };

export function int<Live extends boolean = false>(
  keywords: Range & Keywords<number, Live>,
): NumberField<NoInfer<Live>> {
  return { type: 'int', ...keywords, live: (keywords.live ?? false) as Live };
}

export function float<Live extends boolean = false>(
  keywords: Range & Keywords<number, Live>,
): NumberField<NoInfer<Live>> {
  return { type: 'float', ...keywords, live: (keywords.live ?? false) as Live };
}

/** An integer in [min, max], or 'auto' for a value the model derives itself. */
export function intOrAuto<Live extends boolean = false>(
  keywords: Range & Keywords<'auto' | number, Live>,
): IntOrAutoField<NoInfer<Live>> {
  return { type: 'int-or-auto', ...keywords, live: (keywords.live ?? false) as Live };
}

/** One of a fixed list; the options become the field's type, e.g. `'gru' | 'lstm'` or `1 | 3`. */
export function choice<const Options extends readonly (string | number)[], Live extends boolean = false>(
  keywords: { options: Options } & Keywords<NoInfer<Options[number]>, Live>,
): ChoiceField<Options[number], NoInfer<Live>> {
  return { type: 'enum', ...keywords, live: (keywords.live ?? false) as Live };
}

export type Parsed = { ok: true; value: string | number } | { ok: false; reason: string };

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

/** A titled run of fields: one section of the model panel, in the order a reader meets the ideas. */
export interface FieldSection {
  title: string;
  fields: Record<string, FieldSpec>;
}
