import type { Exclusive } from '../analysis/exclusive';
import { MetricsBatcher, type MetricsBatch } from '../metricsBatcher';
import type { WorkerEvent } from '../protocol';
import { yieldToEventLoop } from '../yieldToEventLoop';
import type { Run, SessionTrainer } from './run';

/** What the loop needs from the session around it. */
export interface LoopHost {
  readonly run: Run;
  /** Training steps and analysis requests take turns through this, one at a time. */
  readonly exclusive: Exclusive;
  readonly now: () => number;
  /** A GPU fault since the backend started: results cannot be trusted, so no snapshot is taken. */
  faulted(): boolean;
  /** After every step, inside its turn (the learned panels' pushes). */
  afterStep(trainer: SessionTrainer): Promise<void>;
  /** Reads the trainer back into the in-memory snapshot (every N steps, and at every stop). */
  takeSnapshot(everySteps?: number): Promise<void>;
  post(event: WorkerEvent): void;
  postMetrics(batch: MetricsBatch | null): void;
  report(err: unknown): void;
  postState(): void;
  /** The loop ended after training freely (Start, not single steps): a pause, with its probe. */
  onPaused(): void;
}

/** What the loop was asked to do: handed from one worker to the next when the run moves. */
export interface LoopPlan {
  running: boolean;
  /** The step at which a `start` with `untilStep` pauses by itself; null: run until paused. */
  untilStep: number | null;
  /** Single steps asked for while paused. */
  queuedSteps: number;
}

/**
 * The training loop: steps while running or while single steps are queued, and yields to the event loop
 * between steps, so that pause, step and live changes take effect after the step in flight. It
 * snapshots the weights as of every stop (unless the device is what stopped it), then reports the final
 * metrics and state.
 */
export class TrainingLoop {
  private running = false;
  private queuedSteps = 0;
  private untilStep: number | null = null;
  private loop: Promise<void> | null = null;
  /** The loop in progress trained at least one step on Start (not only single steps): its end is a pause. */
  private trainedFreely = false;
  private readonly batcher = new MetricsBatcher();
  /** Test hook (`simulate-worker-death`): ends the worker halfway through the next step. */
  private closeInNextStep: (() => void) | null = null;

  constructor(
    private readonly host: LoopHost,
    /** Steps between in-memory snapshots while training. */
    private readonly snapshotEvery: number,
  ) {}

  /** Running (not only stepping) right now. */
  get active(): boolean {
    return this.loop !== null && this.running;
  }

  /** The loop in progress, if any: settles when it has stopped. */
  get inFlight(): Promise<void> | null {
    return this.loop;
  }

  get plan(): LoopPlan {
    return { running: this.running, untilStep: this.untilStep, queuedSteps: this.queuedSteps };
  }

  start(untilStep: number | null): void {
    this.untilStep = untilStep;
    this.running = !this.reachedUntilStep();
    this.kick();
  }

  /** A run handed over by another worker goes on here as it was. */
  follow(plan: LoopPlan): void {
    this.untilStep = plan.untilStep;
    this.running = plan.running && !this.reachedUntilStep();
    this.queuedSteps = plan.queuedSteps;
    if (this.running || this.queuedSteps > 0) this.kick();
  }

  /** Returns true when nothing was running (no loop will report the pause). */
  pause(): boolean {
    this.running = false;
    this.untilStep = null;
    this.queuedSteps = 0;
    return this.loop === null;
  }

  step(): void {
    this.running = false;
    this.queuedSteps++;
    this.kick();
  }

  /** Asks for no more steps; the step in flight finishes. */
  halt(): void {
    this.running = false;
    this.queuedSteps = 0;
  }

  /** Halts and waits for the step in flight. */
  async stop(): Promise<void> {
    this.halt();
    await this.loop;
  }

  /** Test hook: the next step ends the worker with `close` halfway (`simulate-worker-death`). */
  dieInNextStep(close: () => void): void {
    this.closeInNextStep = close;
  }

  /** One step with its metrics posted (and a pause with a message when it was not finite). */
  async trainOneStep(trainer: SessionTrainer): Promise<void> {
    const { host } = this;
    const started = host.now();
    const { batchSize } = trainer.currentConfig;
    const step = trainer.trainStep();
    if (this.closeInNextStep) await dieMidStep(step, this.closeInNextStep);
    const metrics = await step;
    const finished = host.now();
    host.postMetrics(this.batcher.push({ ...metrics, batchSize, stepMs: finished - started }, finished));
    if (!metrics.finite) {
      this.halt();
      host.postMetrics(this.batcher.flush(finished));
      host.post({
        type: 'error',
        message:
          `Step ${metrics.step}: the loss or gradient is not finite (loss ${metrics.loss}), so its update was ` +
          'skipped: the weights are kept as the last good ones and training is paused. Learning rate too ' +
          'high? Lower it, then press Start.',
        recoverable: true,
      });
    }
  }

  /** Posts the metrics still held back by the batcher. */
  flush(): void {
    this.host.postMetrics(this.batcher.flush(this.host.now()));
  }

  private kick(): void {
    this.loop ??= this.runLoop();
  }

  private async runLoop(): Promise<void> {
    const { host } = this;
    let failure: unknown = null;
    this.trainedFreely = false;
    try {
      // A start or step that arrives during the pause snapshot goes round again.
      while (host.run.trainer && (this.running || this.queuedSteps > 0)) {
        await this.trainWhileAsked();
        if (!host.faulted()) await host.exclusive.run(() => host.takeSnapshot());
      }
    } catch (err) {
      this.halt();
      failure = err;
    } finally {
      this.loop = null;
    }
    this.flush();
    // A step that failed with the device is the recovery's business, not another error.
    if (failure !== null && !host.faulted()) host.report(failure);
    host.postState();
    if (failure === null && this.trainedFreely) host.onPaused();
  }

  private async trainWhileAsked(): Promise<void> {
    const { host } = this;
    while (host.run.trainer && (this.running || this.queuedSteps > 0)) {
      if (this.running && this.reachedUntilStep()) {
        this.running = false;
        this.untilStep = null;
        break;
      }
      if (!this.running) this.queuedSteps--;
      else this.trainedFreely = true;
      const trainer = host.run.trainer;
      await host.exclusive.run(async () => {
        await this.trainOneStep(trainer);
        await host.afterStep(trainer);
        if (!host.faulted()) await host.takeSnapshot(this.snapshotEvery);
      });
      await yieldToEventLoop();
    }
  }

  private reachedUntilStep(): boolean {
    return this.untilStep !== null && (this.host.run.trainer?.step ?? 0) >= this.untilStep;
  }
}

/**
 * Ends the worker with the step's kernels dispatched and its result never read, then waits for ever:
 * a closed worker runs nothing more, so neither the step's metrics nor any error reach the page.
 */
function dieMidStep(step: Promise<unknown>, close: () => void): Promise<never> {
  close();
  void step.catch(() => {});
  return new Promise<never>(() => {});
}
