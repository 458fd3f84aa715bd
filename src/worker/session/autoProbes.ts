import { EvaluationStopped } from '../../cpc/eval';
import type { Exclusive } from '../analysis/exclusive';
import type { ProbeMoment } from '../analysis/probeSchedule';
import type { SessionAnalysis } from '../analysis/sessionAnalysis';
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

  constructor(private readonly host: ProbeHost) {}

  /** Settles when every probe queued so far has. */
  get settled(): Promise<void> {
    return this.queued;
  }

  /** A Start or Step: training never waits for a whole probe the user did not ask for. */
  userStepped(): void {
    this.userSteps++;
  }

  /** The run is about to be replaced: the probes queued for it are skipped. Resolves when they settled. */
  async skipQueued(): Promise<void> {
    this.epoch++;
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
    // Stopped between two batches of images; its scores come with the next one (on pause, or every N steps).
    const asked = this.userSteps;
    const stopped = () => this.userSteps !== asked;
    const delayMs = moment === 'ready' ? host.readyDelayMs : 0;
    const waited = delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, delayMs)) : Promise.resolve();
    const probe = waited.then(() =>
      host.exclusive.run(async () => {
        if (current() && !stopped()) await host.analysis.autoProbe(moment, trainer, stopped);
      }),
    );
    this.queued = probe.catch((err: unknown) => {
      if (!current() || err instanceof EvaluationStopped) return; // nobody waits for this probe any more
      host.report(
        new CommandRejected(`Automatic probe: ${err instanceof Error ? err.message : String(err)}`),
      );
    });
  }
}
