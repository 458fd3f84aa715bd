import type { CpcConfig } from '../cpc/config';
import type { Direction } from '../cpc/geometry';
import type { ImageFeature } from '../cpc/model/imageFeatureInfo';
import type { LessonCheck } from './types';

/** What the checks read from the page: a few values of the store and of the worker's recent answers. */
export interface LessonSnapshot {
  /** Training steps of the current model. */
  step: number;
  running: boolean;
  /** The config the model in use was built with (not the draft the controls may be editing). */
  config: CpcConfig;
  /** Probe runs answered since the page loaded, and the latest one's step and feature. */
  probes: number;
  lastProbe: { step: number; feature: ImageFeature } | null;
  /** The prediction the patch grid shows: image, direction and context cell; null before the first. */
  patch: { image: number; direction: Direction; cell: string } | null;
}

/** Whether a "try this" is done, comparing the page now with the snapshot taken when the step opened. */
export function checkDone(check: LessonCheck, opened: LessonSnapshot, now: LessonSnapshot): boolean {
  switch (check.kind) {
    case 'steps-grew':
      return now.step - opened.step >= check.steps;
    case 'config-equals':
      return now.config[check.field] === check.value;
    case 'training':
      return now.running;
    case 'probe-ran':
      return (
        now.probes > opened.probes &&
        now.lastProbe !== null &&
        now.lastProbe.step >= check.atLeastStep &&
        (check.feature === undefined || now.lastProbe.feature === check.feature)
      );
    case 'patch-changed':
      return patchChanged(opened.patch, now.patch, check.direction);
  }
}

function patchChanged(
  opened: LessonSnapshot['patch'],
  now: LessonSnapshot['patch'],
  direction: Direction | undefined,
): boolean {
  if (now === null || opened === null) return false;
  const changed =
    now.image !== opened.image || now.direction !== opened.direction || now.cell !== opened.cell;
  return changed && (direction === undefined || now.direction === direction);
}

/**
 * The step-opened snapshot, lowered when training starts over (a reset or a rebuild sets the step back):
 * "step N more times" then counts from the new start instead of from a step the run no longer has.
 */
export function rebaseline(opened: LessonSnapshot, now: LessonSnapshot): LessonSnapshot {
  return now.step < opened.step ? { ...opened, step: now.step } : opened;
}
