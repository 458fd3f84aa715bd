import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, FIELDS, parseField, type CpcConfig } from '../cpc/config';
import { PRESETS } from '../cpc/presets';
import { SHAREABLE_DATASETS } from '../ui/share/urlState';
import { PANEL_IDS } from '../ui/store/uiPrefsSlice';
import { GUIDED_LESSONS, guidedLessonById } from '.';
import type { LessonCheck, LessonCheckKind } from './types';

/** Every check kind checks.ts evaluates; a lesson naming another would never tick. */
const KNOWN_CHECKS: readonly LessonCheckKind[] = [
  'steps-grew',
  'config-equals',
  'training',
  'probe-ran',
  'patch-changed',
];

function validValue(field: keyof CpcConfig, value: unknown): boolean {
  return CONFIG_KEYS.includes(field) && parseField(FIELDS[field], value).ok;
}

function checkProblems(check: LessonCheck): string[] {
  if (!KNOWN_CHECKS.includes(check.kind)) return [`unknown check ${check.kind}`];
  if (check.kind === 'config-equals' && !validValue(check.field, check.value))
    return [`${check.field} = ${String(check.value)} is not a valid value`];
  if (check.kind === 'steps-grew' && !(Number.isInteger(check.steps) && check.steps >= 1))
    return ['steps-grew needs a whole number of steps ≥ 1'];
  return [];
}

describe.each(GUIDED_LESSONS.map((lesson) => [lesson.id, lesson] as const))('lesson %s', (_id, lesson) => {
  it('has a link-safe id, a title, a summary and 3 to 5 steps', () => {
    expect(lesson.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(lesson.title.trim()).not.toBe('');
    expect(lesson.summary.trim()).not.toBe('');
    expect(lesson.steps.length).toBeGreaterThanOrEqual(3);
    expect(lesson.steps.length).toBeLessThanOrEqual(5);
  });

  it('has steps with a title and text, and something to try in most of them', () => {
    for (const step of lesson.steps) {
      expect(step.title.trim()).not.toBe('');
      expect(step.text.length).toBeGreaterThan(0);
      for (const paragraph of step.text) expect(paragraph.trim()).not.toBe('');
      if (step.tryThis) expect(step.tryThis.prompt.trim()).not.toBe('');
    }
    const tries = lesson.steps.filter((step) => step.tryThis).length;
    expect(tries).toBeGreaterThanOrEqual(lesson.steps.length - 1);
  });

  it('sets up only real presets, config fields, data sets and panels', () => {
    const presets = PRESETS.map((preset) => preset.id);
    for (const { setup } of lesson.steps) {
      if (!setup) continue;
      if (setup.preset !== undefined) expect(presets).toContain(setup.preset);
      for (const [field, value] of Object.entries(setup.fields ?? {}))
        expect(validValue(field as keyof CpcConfig, value), `${field} = ${String(value)}`).toBe(true);
      if (setup.dataset !== undefined) expect(SHAREABLE_DATASETS).toContain(setup.dataset);
      for (const panel of setup.hiddenPanels ?? []) expect(PANEL_IDS).toContain(panel);
    }
  });

  it('checks only known kinds, with values the fields accept', () => {
    for (const { tryThis } of lesson.steps) if (tryThis) expect(checkProblems(tryThis.check)).toEqual([]);
  });
});

describe('the lesson registry', () => {
  it('holds at least four lessons with unique ids, found by id', () => {
    const ids = GUIDED_LESSONS.map((lesson) => lesson.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ids).size).toBe(ids.length);
    for (const lesson of GUIDED_LESSONS) expect(guidedLessonById(lesson.id)).toBe(lesson);
    expect(guidedLessonById('no-such-lesson')).toBeUndefined();
  });

  it('catches a check the fields cannot take', () => {
    expect(
      checkProblems({ kind: 'config-equals', field: 'norm', value: 'group' } as unknown as LessonCheck),
    ).not.toEqual([]);
    expect(checkProblems({ kind: 'steps-grew', steps: 0 })).not.toEqual([]);
    expect(checkProblems({ kind: 'bogus' } as unknown as LessonCheck)).not.toEqual([]);
  });
});
