import { EvaluationStopped } from '../../cpc/eval';
import type { Exclusive } from '../analysis/exclusive';
import type { ProbeMoment } from '../analysis/probeSchedule';
import type { SessionAnalysis } from '../analysis/sessionAnalysis';
import { yieldToEventLoop } from '../yieldToEventLoop';
import { CommandRejected, type Run } from './run';

/** What the automatic probes need from the session around them. */
export interface ProbeHost {
  readonly run: Run;
  readonly exclusive: Exclusive;
  readonly analysis: SessionAnalysis;
  /** A GPU fault since the backend started: a probe queued before it is skipped. */
  faulted(): boolean;
  /** How long the step-0 baseline probe waits after a run is ready before it starts. */
  readonly readyDelayMs: number;
  report(err: unknown): void;
}

/**
 * The probes the session runs by itself (on ready, on pause, every N steps), between two steps (through
 * `exclusive`) so they never overlap a step or another request. Not in the command queue: a Start or
 * Pause that arrives meanwhile takes effect at once, and a Start or Step stops a probe at its next batch
 * of images. Skipped when the run was replaced (init, reset, dispose) or hit a GPU fault meanwhile; the
 * schedule (probeSchedule.ts) keeps it from probing a step twice.
 */
export class AutoProbes {
  /** The probes queued so far (settles, never rejects); the trainer is not disposed under them. */
  private queued: Promise<void> = Promise.resolve();
  /** Bumped whenever the run is about to be replaced: probes queued before that are skipped. */
  private epoch = 0;
  /** Bumped by Start and Step: every probe queued or running before then stops. */
  private userSteps = 0;
  /** While an import decodes on the page, automatic probes wait: the decode workers need the cores. */
  private held = false;
  /** Bumped by each hold: the probe running then stops at its next batch, and runs again after. */
  private holds = 0;
  /** The probes a hold stopped or kept from starting, queued again when it ends. */
  private waiting = new Set<ProbeMoment>();

  constructor(private readonly host: ProbeHost) {}

  /** Settles when every probe queued so far has. */
  get settled(): Promise<void> {
    return this.queued;
  }

  /** A Start or Step: training never waits for a whole probe the user did not ask for. */
  userStepped(): void {
    this.userSteps++;
    this.waiting.clear(); // their scores come with the next probe, as for any probe a step stopped
  }

  /**
   * An import began (true) or ended (false) on the page. On two cores the step-0 baselines, which start
   * when a run is ready, took a core from the decode workers for as long as an import of 1,000 photos.
   */
  hold(held: boolean): void {
    if (held === this.held) return;
    this.held = held;
    if (held) {
      this.holds++;
      return;
    }
    const moments = [...this.waiting];
    this.waiting.clear();
    moments.forEach((moment) => this.queue(moment));
  }

  /** The run is about to be replaced: the probes queued for it are skipped. Resolves when they settled. */
  async skipQueued(): Promise<void> {
    this.epoch++;
    this.waiting.clear();
    await this.queued;
  }

  queue(moment: ProbeMoment): void {
    const { host } = this;
    const trainer = host.run.trainer;
    if (!trainer) return;
    // On a GPU the probe's first batch compiles the evaluation's shaders, which cannot be stopped and
    // can outlast the user's patience (minutes on a software GPU): the baselines come with the first pause.
    if (moment === 'ready' && (host.run.backend === 'webgpu' || host.run.backend === 'webgl')) return;
    const epoch = this.epoch;
    const current = () => host.run.trainer === trainer && this.epoch === epoch && !host.faulted();
    // Stopped between two batches of images (or epochs of the linear probe); its scores come with the next
    // one (on pause, or every N steps). Replacing the run stops it too, rather than waiting for it.
    const asked = this.userSteps;
    const holds = this.holds;
    const stopped = () => this.userSteps !== asked || this.holds !== holds || !current();
    // Each check lets a new task run first: on WASM nothing in a probe waits for one, so a Start, a Step or
    // a hold sent meanwhile would be read only after the whole probe (seconds: its pixel baseline alone).
    const stopCheck = async () => {
      await yieldToEventLoop();
      return stopped();
    };
    // A hold stopped it (no Start or Step did): it runs again when the import ends.
    const heldBack = () => current() && this.userSteps === asked && (this.held || this.holds !== holds);
    const delayMs = moment === 'ready' ? host.readyDelayMs : 0;
    const waited = delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, delayMs)) : Promise.resolve();
    const probe = waited.then(() =>
      host.exclusive.run(async () => {
        if (heldBack()) this.wait(moment);
        else if (current() && !stopped()) await host.analysis.autoProbe(moment, trainer, stopCheck);
      }),
    );
    this.queued = probe.catch((err: unknown) => {
      if (err instanceof EvaluationStopped && heldBack()) return this.wait(moment);
      if (!current() || err instanceof EvaluationStopped) return; // nobody waits for this probe any more
      host.report(
        new CommandRejected(`Automatic probe: ${err instanceof Error ? err.message : String(err)}`),
      );
    });
  }

  /** Until the hold ends; queued at once if it ended meanwhile. */
  private wait(moment: ProbeMoment): void {
    if (this.held) this.waiting.add(moment);
    else this.queue(moment);
  }
}
