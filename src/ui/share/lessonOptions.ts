import { CONFIG_KEYS, type CpcConfig } from '../../cpc/config';
import { PANEL_IDS, type PanelId } from '../store/uiPrefsSlice';

/** A control a lesson can hide: one config field, or the preset picker. */
export type HideableControl = keyof CpcConfig | 'presets';

/** What a teacher's link asks of the page beyond the run's setup: `hide=`, `autostart=1`, `steps=N`. */
export interface LessonOptions {
  /** Panels hidden for this visit only (never written into the stored preferences). */
  hiddenPanels: PanelId[];
  hiddenControls: HideableControl[];
  /** Start training once the worker is ready. */
  autostart: boolean;
  /** Training started from below this step pauses by itself when it gets there; null = no limit. */
  stopAtStep: number | null;
}

export const NO_LESSON: LessonOptions = {
  hiddenPanels: [],
  hiddenControls: [],
  autostart: false,
  stopAtStep: null,
};

export const LESSON_PARAMS = ['hide', 'autostart', 'steps'] as const;

/** The largest `steps=` accepted: far beyond a lesson, small enough to stay an exact integer. */
const MAX_STEPS = 10_000_000;

/** Reads the lesson parameters; what it cannot use is ignored and described in `notes`. */
export function readLessonOptions(params: URLSearchParams, notes: string[]): LessonOptions {
  return {
    ...readHidden(params.get('hide'), notes),
    autostart: readAutostart(params.get('autostart'), notes),
    stopAtStep: readSteps(params.get('steps'), notes),
  };
}

/** Adds the lesson parameters that differ from no lesson at all. */
export function writeLessonOptions(lesson: LessonOptions, params: URLSearchParams): void {
  const hidden = [...lesson.hiddenPanels, ...lesson.hiddenControls];
  if (hidden.length > 0) params.set('hide', hidden.join(','));
  if (lesson.autostart) params.set('autostart', '1');
  if (lesson.stopAtStep !== null) params.set('steps', String(lesson.stopAtStep));
}

function readHidden(text: string | null, notes: string[]) {
  const hiddenPanels: PanelId[] = [];
  const hiddenControls: HideableControl[] = [];
  const names = (text ?? '').split(',').map((name) => name.trim());
  for (const name of names.filter((n) => n !== '')) {
    const panel = PANEL_IDS.find((id) => id === name);
    const control = [...CONFIG_KEYS, 'presets' as const].find((key) => key === name);
    if (panel !== undefined) hiddenPanels.push(panel);
    else if (control !== undefined) hiddenControls.push(control);
    else notes.push(`hide=${name} ignored: not a panel (${PANEL_IDS.join(', ')}), a field or presets.`);
  }
  return { hiddenPanels: [...new Set(hiddenPanels)], hiddenControls: [...new Set(hiddenControls)] };
}

function readAutostart(text: string | null, notes: string[]): boolean {
  if (text === null || text === '0') return false;
  if (text === '1') return true;
  notes.push(`autostart=${text} ignored: expected 1 or 0.`);
  return false;
}

function readSteps(text: string | null, notes: string[]): number | null {
  if (text === null) return null;
  const steps = text.trim() === '' ? NaN : Number(text);
  if (Number.isInteger(steps) && steps >= 1 && steps <= MAX_STEPS) return steps;
  notes.push(`steps=${text} ignored: expected a whole number from 1 to ${MAX_STEPS}.`);
  return null;
}
