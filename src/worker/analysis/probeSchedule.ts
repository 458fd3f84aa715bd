/**
 * When the worker probes by itself, so "did it learn?" is answered without a button: once when a run's
 * model is ready (the random-init and raw-pixel baselines, at step 0 for a new run), whenever training
 * pauses, and every N training steps.
 */

/**
 * The moment the session asks at: 'ready' after init, reset or when the page turns the schedule on;
 * 'pause' when a run that was training freely stops; 'step' after each training step.
 */
export type ProbeMoment = 'ready' | 'pause' | 'step';

export interface ProbeScheduleState {
  /** The training step the weights are at now. */
  step: number;
  /** The step of the last probe of these weights' run (any trigger, the button included); null: none yet. */
  lastProbeStep: number | null;
  /** Steps between probes while training; 0 turns the periodic probe off (ready and pause still probe). */
  everySteps: number;
}

/** Whether to probe now. Never twice at one step: the same weights score the same. */
export function probeDue(moment: ProbeMoment, state: ProbeScheduleState): boolean {
  const { step, lastProbeStep, everySteps } = state;
  if (lastProbeStep === step) return false;
  switch (moment) {
    case 'ready':
      return lastProbeStep === null;
    case 'pause':
      return true;
    case 'step':
      return everySteps > 0 && step % everySteps === 0;
  }
}

/** A rate from the page, checked: a whole number of steps, 0 for off. */
export function checkProbeEvery(everySteps: unknown): number {
  if (typeof everySteps === 'number' && Number.isInteger(everySteps) && everySteps >= 0) return everySteps;
  throw new Error(`The probe rate must be a whole number of steps (0 = off), got ${String(everySteps)}.`);
}

/**
 * Whether a checkpoint's saved probe history (`extra.probeHistory`, as the page and train.py write it)
 * holds a scored probe at the checkpoint's own step: those weights were probed already, so a resume must
 * not probe them again on ready and replace that record (train.py's final probe, or a pause's).
 */
export function checkpointProbedAt(extra: Record<string, unknown>, step: number): boolean {
  const history = extra.probeHistory;
  if (!Array.isArray(history)) return false;
  const scored = (s: unknown) =>
    typeof s === 'object' &&
    s !== null &&
    ['linear', 'knn'].every((k) => typeof (s as Record<string, unknown>)[k] === 'number');
  return history.some(
    (p: unknown) =>
      typeof p === 'object' &&
      p !== null &&
      (p as { step?: unknown }).step === step &&
      scored((p as { cpc?: unknown }).cpc) &&
      scored((p as { randomInit?: unknown }).randomInit),
  );
}
