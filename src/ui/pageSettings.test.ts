import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../cpc/config';
import { presetById } from '../cpc/presets';
import { DEFAULT_DATASET } from './data/datasetChoice';
import { pageLink, readPageSettings } from './pageSettings';
import { NO_LESSON } from './share/lessonOptions';

const BASE = 'https://example.org/cpc/';

describe('readPageSettings', () => {
  it('defaults to the default setup, no lesson and no notes', () => {
    expect(readPageSettings('')).toEqual({
      presetId: null,
      config: DEFAULT_CONFIG,
      dataset: DEFAULT_DATASET,
      backend: 'auto',
      lesson: NO_LESSON,
      guidedLesson: null,
      presenter: null,
      notes: [],
    });
  });

  it('reads a whole link: preset, fields, data set, backend and lesson', () => {
    const settings = readPageSettings(
      '?preset=cpc-v2&learningRate=0.0005&seed=7&dataset=mnist&backend=wasm&hide=data,presets&autostart=1&steps=3',
    );
    expect(settings).toEqual({
      presetId: 'cpc-v2',
      config: { ...presetById('cpc-v2').config, learningRate: 0.0005, seed: 7 },
      dataset: { kind: 'builtin', name: 'mnist' },
      backend: 'wasm',
      lesson: { hiddenPanels: ['data'], hiddenControls: ['presets'], autostart: true, stopAtStep: 3 },
      guidedLesson: null,
      presenter: null,
      notes: [],
    });
  });

  it('reports unknown parameters once each, and accepts the test hook', () => {
    expect(readPageSettings('?lr=0.1&lr=0.2&testHooks&Seed=3').notes).toEqual([
      'lr ignored: unknown parameter.',
      'Seed ignored: unknown parameter.',
    ]);
  });

  it('uses the first of repeated parameters and says so', () => {
    const settings = readPageSettings('?seed=3&seed=4&seed=5&steps=2&steps=9');
    expect(settings.config.seed).toBe(3);
    expect(settings.lesson.stopAtStep).toBe(2);
    expect(settings.notes).toEqual([
      'seed appears 3 times: only the first is used.',
      'steps appears 2 times: only the first is used.',
    ]);
  });
});

describe('pageLink', () => {
  it('is the bare address for the default setup', () => {
    const settings = readPageSettings('');
    expect(pageLink(BASE, settings, settings.lesson)).toEqual({ link: BASE, datasetShared: true });
  });

  it('reads back as the setup and lesson it was made from', () => {
    const search =
      '?preset=keras-cpc&kMin=2&augFlip=0.3&dataset=synthetic&backend=cpu&hide=model,learningRate&steps=10';
    const settings = readPageSettings(search);
    const { link } = pageLink(BASE, settings, settings.lesson);
    expect(link).toBe(`${BASE}${search}`);
    expect(readPageSettings(new URL(link).search)).toEqual(settings);
  });

  it('names the guided lesson and its step, which read back', () => {
    const settings = readPageSettings('?backend=wasm');
    const guided = { id: 'four-directions', stepIndex: 1 };
    const { link } = pageLink(BASE, settings, settings.lesson, guided);
    expect(link).toBe(`${BASE}?backend=wasm&lesson=four-directions&step=2`);
    expect(readPageSettings(new URL(link).search)).toEqual({ ...settings, guidedLesson: guided });
  });
});
