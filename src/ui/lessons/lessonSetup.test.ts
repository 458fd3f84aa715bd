import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import { resolveGeometry } from '../../cpc/geometry';
import { PRESETS, presetById } from '../../cpc/presets';
import { GUIDED_LESSONS } from '../../lessons';
import { DEFAULT_DATASET } from '../data/datasetChoice';
import { planSetup, setupUpTo, type SetupBase } from './lessonSetup';

/** The e2e tests' smallest config (SMALLEST_CONFIG_CHANGE in src/cpc/testing, which the UI lint fence keeps out). */
const SMALLEST_CONFIG_CHANGE = {
  batchSize: 2,
  imageSize: 16,
  patchSize: 8,
  patchStride: 4,
  encoderWidth: 4,
  encoderDepth: 1,
  encoderHidden: 0,
  codeSize: 8,
  contextHidden: 8,
  kMax: 2,
  negatives: 3,
} as const;

const base: SetupBase = { draftConfig: DEFAULT_CONFIG, dataset: DEFAULT_DATASET, presetId: 'default' };

describe('planSetup', () => {
  it('puts the fields on the draft and keeps the set and the panels when the setup names none', () => {
    const plan = planSetup({ fields: { norm: 'batch' } }, base);
    expect(plan).toEqual({
      presetId: 'default',
      config: { ...DEFAULT_CONFIG, norm: 'batch' },
      dataset: null,
      hiddenPanels: null,
    });
  });

  it('starts from the preset, then the fields', () => {
    const plan = planSetup({ preset: 'cpc-v2', fields: { kMax: 2 } }, base);
    expect(plan.presetId).toBe('cpc-v2');
    expect(plan.config).toEqual({ ...presetById('cpc-v2').config, kMax: 2 });
  });

  it('fits a new set (textures: 32 px colour), and the fields still win over the fit', () => {
    const plan = planSetup({ dataset: 'textures', fields: { augColorDrop: 0 } }, base);
    expect(plan.dataset?.spec.kind).toBe('textures');
    expect(plan.config).toMatchObject({ imageSize: 32, channels: 3, augColorDrop: 0 });
    expect(plan.dataset?.fit.config).toEqual(plan.config);
    expect(plan.dataset?.fit.reasons.length).toBeGreaterThan(0);
  });

  it('does not switch to the set already in use', () => {
    expect(planSetup({ dataset: 'fashion-mnist' }, base).dataset).toBeNull();
  });

  it('gives the panels to hide', () => {
    expect(planSetup({ hiddenPanels: ['data'] }, base).hiddenPanels).toEqual(['data']);
  });
});

describe('setupUpTo', () => {
  it('merges the setups of the steps up to the one opened', () => {
    const shortcuts = GUIDED_LESSONS.find((lesson) => lesson.id === 'shortcuts')!;
    expect(setupUpTo(shortcuts, 2)).toMatchObject({
      dataset: 'textures',
      fields: { augColorDrop: 0, augGrayscale: 0, augColorJitter: 0 },
      hiddenPanels: [],
    });
    expect(setupUpTo(shortcuts, 3).fields).toMatchObject({ norm: 'batch', augColorDrop: 0 });
  });

  it('lets a later preset replace the fields set before it', () => {
    const lesson = {
      id: 'x',
      title: 'x',
      summary: 'x',
      steps: [
        { title: 'a', text: ['a'], setup: { fields: { kMax: 2 } } },
        { title: 'b', text: ['b'], setup: { preset: 'quick-demo' as const } },
      ],
    };
    expect(setupUpTo(lesson, 1)).toEqual({
      preset: 'quick-demo',
      fields: {},
      dataset: undefined,
      hiddenPanels: undefined,
    });
  });
});

/** Where a student may start a lesson from: every preset, and the tiny config the e2e tests use. */
const STARTS = [
  ...PRESETS.map((preset) => ({ name: preset.id, config: preset.config })),
  { name: 'tiny', config: { ...DEFAULT_CONFIG, ...SMALLEST_CONFIG_CHANGE } },
];

describe.each(GUIDED_LESSONS.map((lesson) => [lesson.id, lesson] as const))('walking %s', (_id, lesson) => {
  it.each(STARTS.map((start) => [start.name, start.config] as const))(
    'from %s, every step leaves a config that can train',
    (_name, config) => {
      let state: SetupBase = { ...base, draftConfig: config };
      lesson.steps.forEach((step, index) => {
        const plan = planSetup(step.setup ?? {}, state);
        state = {
          draftConfig: plan.config,
          dataset: plan.dataset?.spec ?? state.dataset,
          presetId: plan.presetId,
        };
        expect(resolveGeometry(plan.config).errors, `step ${index + 1}`).toEqual([]);
        const opened = planSetup(setupUpTo(lesson, index), { ...base, draftConfig: config });
        expect(resolveGeometry(opened.config).errors, `opened at step ${index + 1}`).toEqual([]);
      });
    },
  );
});
