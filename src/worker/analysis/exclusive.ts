/**
 * Runs async tasks one at a time, in call order. The training loop and the analysis requests both go
 * through one of these, so a request never reads weights that a step is halfway through updating and an
 * embedding of many batches sees one set of weights (both sides await device reads midway).
 */
export class Exclusive {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
