import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, FIELDS, parseConfig, parseField } from './config';
import { fieldValue, isValidConfig, validConfig } from './testing/configArbitrary';

/** Keys a hostile JSON object might carry: real fields, Object.prototype's own names, and anything. */
const anyKey = fc.oneof(
  fc.constantFrom(...CONFIG_KEYS),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'),
  fc.string(),
);
const hostileObject = fc.dictionary(anyKey, fc.jsonValue(), { maxKeys: 8 });

describe('parseConfig, for any input', () => {
  it('gives a valid config and lists every key it did not take', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), hostileObject, fc.anything()), (input) => {
        const { config, issues } = parseConfig(input);
        expect(isValidConfig(config as unknown as Record<string, unknown>)).toBe(true);
        if (input === null || typeof input !== 'object' || Array.isArray(input)) return;
        for (const [key, raw] of Object.entries(input)) {
          const listed = issues.some((issue) => issue.key === key);
          if (!Object.hasOwn(FIELDS, key)) {
            expect(listed, `unknown key ${key} listed`).toBe(true);
            continue;
          }
          const parsed = parseField(FIELDS[key as keyof typeof FIELDS], raw);
          if (parsed.ok) expect(config[key as keyof typeof config]).toBe(parsed.value);
          else expect(listed, `bad ${key} listed`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips valid configs, as objects and through JSON text', () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        expect(parseConfig(config)).toEqual({ config, issues: [] });
        expect(parseConfig(JSON.parse(JSON.stringify(config)))).toEqual({ config, issues: [] });
      }),
      { numRuns: 200 },
    );
  });

  it('reads each valid field value from its text form, as a URL carries it', () => {
    const keyAndValue = fc
      .constantFrom(...CONFIG_KEYS)
      .chain((key) => fc.tuple(fc.constant(key), fieldValue(FIELDS[key])));
    fc.assert(
      fc.property(keyAndValue, ([key, value]) => {
        expect(parseField(FIELDS[key], String(value))).toEqual({ ok: true, value });
      }),
      { numRuns: 300 },
    );
  });
});
