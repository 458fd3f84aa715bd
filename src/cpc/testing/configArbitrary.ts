import fc from 'fast-check';
import { CONFIG_KEYS, FIELDS, type CpcConfig, type FieldSpec } from '../config';

/**
 * fast-check arbitraries for configs, shared by the property tests of the config parser, the URL state and
 * the checkpoint reader. Floats include the bounds and subnormals: what a link or a file could carry.
 */
export function fieldValue(spec: FieldSpec): fc.Arbitrary<string | number> {
  if (spec.type === 'enum') return fc.constantFrom(...spec.options);
  const number =
    spec.type === 'float'
      ? fc.double({ min: spec.min, max: spec.max, noNaN: true })
      : fc.integer({ min: spec.min, max: spec.max });
  return spec.type === 'int-or-auto' ? fc.oneof(fc.constant('auto'), number) : number;
}

/** A config whose every field is valid on its own (geometry constraints between fields are not applied). */
export const validConfig: fc.Arbitrary<CpcConfig> = fc.record(
  Object.fromEntries(CONFIG_KEYS.map((key) => [key, fieldValue(FIELDS[key])])),
) as unknown as fc.Arbitrary<CpcConfig>;

/** True when every field of `config` is one parseField accepts unchanged, and there is no other key. */
export function isValidConfig(config: Record<string, unknown>): boolean {
  const keys = Object.keys(config);
  return (
    keys.length === CONFIG_KEYS.length &&
    CONFIG_KEYS.every((key) => Object.hasOwn(config, key) && acceptsUnchanged(FIELDS[key], config[key]))
  );
}

function acceptsUnchanged(spec: FieldSpec, value: unknown): boolean {
  if (spec.type === 'enum') return spec.options.includes(value as string | number);
  if (spec.type === 'int-or-auto' && value === 'auto') return true;
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (spec.type !== 'float' && !Number.isInteger(value)) return false;
  return value >= spec.min && value <= spec.max;
}
