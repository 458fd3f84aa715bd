import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../../cpc/config';
import { PRESETS, presetById } from '../../cpc/presets';
import { isValidConfig, validConfig } from '../../cpc/testing/configArbitrary';
import { BACKEND_CHOICES } from '../../worker/protocol';
import { specForChoice } from '../data/datasetChoice';
import { readPageSettings } from '../pageSettings';
import { LESSON_PARAMS } from './lessonOptions';
import {
  readSharedSetup,
  SETUP_PARAMS,
  SHAREABLE_DATASETS,
  writeSharedSetup,
  type SharedSetup,
} from './urlState';

const validSetup: fc.Arbitrary<SharedSetup> = fc.record({
  presetId: fc.constantFrom(null, ...PRESETS.map((preset) => preset.id)),
  config: validConfig,
  dataset: fc.constantFrom(...SHAREABLE_DATASETS).map((name) => specForChoice(name)!),
  backend: fc.constantFrom(...BACKEND_CHOICES),
});

/** What a link hands back: the default preset is named only when something differs from it. */
function expectedAfterLink(setup: SharedSetup): SharedSetup {
  const unchanged = CONFIG_KEYS.every((key) => setup.config[key] === presetById('default').config[key]);
  return setup.presetId === 'default' && unchanged ? { ...setup, presetId: null } : setup;
}

const KNOWN_PARAMS: readonly string[] = [...SETUP_PARAMS, ...LESSON_PARAMS, 'testHooks'];

/** The older `config=` form with any JSON, Object.prototype's names among the keys. */
const jsonConfigParam = fc
  .dictionary(
    fc.oneof(fc.constantFrom(...CONFIG_KEYS, '__proto__', 'toString', 'constructor'), fc.string()),
    fc.oneof(fc.integer(), fc.jsonValue()),
    { maxKeys: 6 },
  )
  .map((object) => ['config', JSON.stringify(object)] as [string, string]);

/** Query text made of the parameters the page knows, with any values, plus stray ones. */
const queryOfKnownNames = fc
  .array(
    fc.oneof(fc.tuple(fc.oneof(fc.constantFrom(...KNOWN_PARAMS), fc.string()), fc.string()), jsonConfigParam),
    { maxLength: 8 },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

describe('the setup in a link', () => {
  it('reads back exactly what it wrote, with no notes', () => {
    fc.assert(
      fc.property(validSetup, (setup) => {
        const params = new URLSearchParams();
        writeSharedSetup(setup, params);
        const notes: string[] = [];
        const read = readSharedSetup(new URLSearchParams(params.toString()), notes);
        expect(read).toEqual(expectedAfterLink(setup));
        expect(notes).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('turns any query into a valid setup, and names every parameter it did not use', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), queryOfKnownNames), (search) => {
        const settings = readPageSettings(search);
        expect(isValidConfig(settings.config as unknown as Record<string, unknown>)).toBe(true);
        expect(BACKEND_CHOICES).toContain(settings.backend);
        expect(SHAREABLE_DATASETS.map((name) => specForChoice(name))).toContainEqual(settings.dataset);
        for (const name of new URLSearchParams(search).keys()) {
          if (!KNOWN_PARAMS.includes(name))
            expect(settings.notes.some((note) => note.startsWith(`${name} ignored`))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
