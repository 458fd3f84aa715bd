/**
 * A long evaluation (embedding thousands of images for a probe) asks this between batches, so that a
 * caller can stop it early: the training worker stops an automatic probe when the user asks for steps.
 */
export type StopCheck = () => boolean;

/** What a stopped evaluation throws; callers that stop one expect it and drop it quietly. */
export class EvaluationStopped extends Error {
  constructor() {
    super('The evaluation was stopped before it finished.');
    this.name = 'EvaluationStopped';
  }
}

export function throwIfStopped(stop: StopCheck | undefined): void {
  if (stop?.()) throw new EvaluationStopped();
}
