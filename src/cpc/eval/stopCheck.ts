/**
 * A long evaluation (embedding thousands of images for a probe, fitting its linear probe) asks this between
 * batches, so that a caller can stop it early: the training worker stops an automatic probe when the user
 * asks for steps or drops a folder. The check may be a promise: the worker's yields to its event loop first,
 * since on WASM nothing in an evaluation waits for a new task, and the message that stops it would
 * otherwise wait for the evaluation's end.
 */
export type StopCheck = () => boolean | Promise<boolean>;

/** What a stopped evaluation throws; callers that stop one expect it and drop it quietly. */
export class EvaluationStopped extends Error {
  constructor() {
    super('The evaluation was stopped before it finished.');
    this.name = 'EvaluationStopped';
  }
}

export async function throwIfStopped(stop: StopCheck | undefined): Promise<void> {
  if (stop && (await stop())) throw new EvaluationStopped();
}
