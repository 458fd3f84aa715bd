import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, DEFAULT_CONFIG, FIELDS, type CpcConfig, type FieldSpec } from '../../cpc/config';
import { PRESETS, presetById, type PresetId } from '../../cpc/presets';
import { createRng, type Rng } from '../../cpc/random';
import type { DatasetSpec } from '../../worker/protocol';
import { DEFAULT_DATASET } from '../data/datasetChoice';
import { readSharedSetup, writeSharedSetup, type SharedSetup } from './urlState';

const setupOf = (over: Partial<SharedSetup> = {}): SharedSetup => ({
  presetId: null,
  config: DEFAULT_CONFIG,
  dataset: DEFAULT_DATASET,
  backend: 'auto',
  ...over,
});

function write(setup: SharedSetup): URLSearchParams {
  const params = new URLSearchParams();
  writeSharedSetup(setup, params);
  return params;
}

/** Through the URL's text form, as a browser would hand it back. */
function roundTrip(setup: SharedSetup): { setup: SharedSetup; notes: string[] } {
  const notes: string[] = [];
  return { setup: readSharedSetup(new URLSearchParams(write(setup).toString()), notes), notes };
}

/** A valid value of the field other than `not`. */
function otherValue(spec: FieldSpec, not: unknown): string | number {
  if (spec.type === 'enum') return spec.options.find((option) => option !== not) as string | number;
  if (spec.type === 'int-or-auto') return not === 'auto' ? spec.min + 2 : 'auto';
  // A third has no short decimal form: it tests that the text carries every bit of the double.
  const third = spec.min + (spec.max - spec.min) / 3;
  if (spec.type === 'float') return not === third ? spec.min : third;
  return not === spec.max ? spec.min : spec.max;
}

function randomValue(spec: FieldSpec, rng: Rng): string | number {
  if (spec.type === 'enum') return spec.options[rng.int(spec.options.length)];
  if (spec.type === 'int-or-auto' && rng.next() < 0.3) return 'auto';
  const value = rng.uniform(spec.min, Math.min(spec.max, spec.min + 1000));
  return spec.type === 'float' ? value : Math.round(value);
}

describe('shared setup in the URL', () => {
  it('writes nothing for the default setup and reads nothing as the default setup', () => {
    expect(write(setupOf()).toString()).toBe('');
    expect(roundTrip(setupOf())).toEqual({ setup: setupOf(), notes: [] });
  });

  it.each(CONFIG_KEYS)('round-trips %s alone, under its own name', (key) => {
    const config = { ...DEFAULT_CONFIG, [key]: otherValue(FIELDS[key], DEFAULT_CONFIG[key]) } as CpcConfig;
    const params = write(setupOf({ config }));
    expect([...params.keys()]).toEqual([key]);
    expect(roundTrip(setupOf({ config }))).toEqual({ setup: setupOf({ config }), notes: [] });
  });

  it('round-trips random configs against every preset, writing only what differs from the preset', () => {
    const rng = createRng(5);
    for (const preset of PRESETS) {
      for (let trial = 0; trial < 10; trial++) {
        const config = { ...preset.config } as Record<string, unknown>;
        const changed = CONFIG_KEYS.filter(() => rng.next() < 0.2);
        for (const key of changed) config[key] = randomValue(FIELDS[key], rng);
        const setup = setupOf({ presetId: preset.id, config: config as unknown as CpcConfig });
        const differing = CONFIG_KEYS.filter((key) => config[key] !== preset.config[key]);
        const named = preset.id !== 'default' || differing.length > 0 ? ['preset'] : [];
        expect([...write(setup).keys()]).toEqual([...named, ...differing]);
        expect(roundTrip(setup)).toEqual({ setup, notes: [] });
      }
    }
  });

  it('names a preset and only the fields changed from it', () => {
    const config = { ...presetById('cpc-v2').config, learningRate: 0.0005, seed: 42 };
    const params = write(setupOf({ presetId: 'cpc-v2', config }));
    expect(params.toString()).toBe('preset=cpc-v2&seed=42&learningRate=0.0005');
  });

  it.each<[DatasetSpec, string]>([
    [{ kind: 'builtin', name: 'mnist' }, 'dataset=mnist'],
    [{ kind: 'synthetic', count: 512 }, 'dataset=synthetic'],
    [{ kind: 'textures', count: 2000 }, 'dataset=textures'],
    [DEFAULT_DATASET, ''],
  ])('round-trips the data set %j', (dataset, text) => {
    expect(write(setupOf({ dataset })).toString()).toBe(text);
    expect(roundTrip(setupOf({ dataset })).setup.dataset).toEqual(dataset);
  });

  it('cannot name an imported set and says so', () => {
    const set = { pixels: new Uint8Array(0), size: 8, channels: 1, count: 0, labels: null, classNames: [] };
    const dataset = { kind: 'images', name: 'mine', set } as unknown as DatasetSpec;
    const params = new URLSearchParams();
    expect(writeSharedSetup(setupOf({ dataset }), params)).toEqual({ datasetShared: false });
    expect(params.toString()).toBe('');
  });

  it('round-trips every backend choice', () => {
    for (const backend of ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const)
      expect(roundTrip(setupOf({ backend })).setup.backend).toBe(backend);
    expect(write(setupOf({ backend: 'wasm' })).toString()).toBe('backend=wasm');
  });

  it('falls back to the preset value for each bad value and names it', () => {
    const notes: string[] = [];
    const params = new URLSearchParams(
      'preset=keras-cpc&batchSize=0&encoder=vit&kMin=soon&learningRate=abc&seed=1.5&dataset=cifar&backend=cuda',
    );
    const setup = readSharedSetup(params, notes);
    expect(setup).toEqual(setupOf({ presetId: 'keras-cpc', config: presetById('keras-cpc').config }));
    expect(notes).toEqual([
      'seed=1.5 ignored: not an integer (using 1).',
      'encoder=vit ignored: expected one of simple-cnn, resnet (using simple-cnn).',
      'kMin=soon ignored: not a finite number (using auto).',
      'batchSize=0 ignored: outside [1, 256] (using 32).',
      'learningRate=abc ignored: not a finite number (using 0.001).',
      'dataset=cifar ignored: expected one of mnist, fashion-mnist, synthetic, textures (using fashion-mnist).',
      'backend=cuda ignored: expected one of auto, webgpu, webgl, wasm, cpu (using auto).',
    ]);
  });

  it('reports an unknown preset and builds on the default one', () => {
    const notes: string[] = [];
    const setup = readSharedSetup(new URLSearchParams('preset=cpc-v3&codeSize=16'), notes);
    expect(setup.presetId).toBeNull();
    expect(setup.config).toEqual({ ...DEFAULT_CONFIG, codeSize: 16 });
    expect(notes).toEqual(['preset=cpc-v3 ignored: expected one of default, quick-demo, keras-cpc, cpc-v2.']);
  });

  it('still reads the older config=<json> form, under the preset, with field parameters on top', () => {
    const notes: string[] = [];
    const json = encodeURIComponent('{"batchSize":2,"imageSize":16,"foo":1,"negatives":0}');
    const setup = readSharedSetup(new URLSearchParams(`preset=quick-demo&config=${json}&batchSize=4`), notes);
    const preset: PresetId = 'quick-demo';
    expect(setup.config).toEqual({ ...presetById(preset).config, batchSize: 4, imageSize: 16 });
    expect(notes).toEqual([
      'config.foo ignored: unknown field.',
      'config.negatives ignored: outside [1, 1024].',
    ]);
    const broken: string[] = [];
    readSharedSetup(new URLSearchParams('config={oops'), broken);
    readSharedSetup(new URLSearchParams('config=[1]'), broken);
    expect(broken).toEqual([
      'The config parameter is not valid JSON: ignored.',
      'The config parameter is not a JSON object: ignored.',
    ]);
  });
});
