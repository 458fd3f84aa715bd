import type { ImageSet } from '../../cpc/data/imageSet';
import { checkLiveChange } from '../../cpc/liveChange';
import { profileKernels } from '../../cpc/train/kernelProfile';
import type { Exclusive } from '../analysis/exclusive';
import type { SessionAnalysis } from '../analysis/sessionAnalysis';
import { handleKeepCommand, type KeepCommand } from '../keep/sessionKeep';
import type { AnalysisCommand, WorkerEvent } from '../protocol';
import type { AutoProbes } from './autoProbes';
import { CommandRejected, requireTrainable, requireTrainer, type Run } from './run';
import type { TrainingLoop } from './trainingLoop';

/** What the requests on a run need from the session around it. */
export interface RequestHost {
  readonly run: Run;
  readonly exclusive: Exclusive;
  readonly analysis: SessionAnalysis;
  readonly probes: AutoProbes;
  readonly loop: TrainingLoop;
  readonly now: () => number;
  /** The GPU fault being recovered from, else null. */
  fault(): string | null;
  /** Stops the loop and skips the probe its end queued. */
  stopLoop(): Promise<void>;
  post(event: WorkerEvent, transfer?: Transferable[]): void;
  postState(): void;
}

/**
 * Commands on the run as it stands, beside the loop: what the learned panels and the probes ask for,
 * checkpoints and exports, a live hyperparameter change, a kernel count. Each waits for its turn between
 * training steps.
 */
export class RunRequests {
  constructor(private readonly host: RequestHost) {}

  async keep(command: KeepCommand): Promise<void> {
    const { run, analysis, now } = this.host;
    const trainer = requireTrainer(run);
    const images = { train: run.images as ImageSet, test: run.testImages };
    const post = (event: WorkerEvent, transfer?: Transferable[]) => this.host.post(event, transfer);
    await this.host.exclusive.run(() =>
      handleKeepCommand(command, trainer, images, analysis.imageFeature, post, now),
    );
  }

  /** A failed request leaves the run as it was, so its error is recoverable. */
  async analyse(command: AnalysisCommand): Promise<void> {
    const { analysis } = this.host;
    try {
      if (command.type === 'set-visualisation') return analysis.setVisualisation(command.everySteps);
      if (command.type === 'set-image-feature') return analysis.setImageFeature(command.feature);
      if (command.type === 'set-probe-schedule') {
        analysis.setProbeSchedule(command.everySteps);
        // A schedule that arrives after the run was ready still gives it its baselines.
        return this.host.probes.queue('ready');
      }
      const trainer = requireTrainer(this.host.run);
      await this.host.exclusive.run(() => analysis.handle(command, trainer));
    } catch (err) {
      throw new CommandRejected(err instanceof Error ? err.message : String(err));
    }
  }

  setHyperparameters(change: unknown): void {
    const trainer = requireTrainer(this.host.run);
    const check = checkLiveChange(trainer.currentConfig, change);
    if (!check.ok) throw new CommandRejected(check.reason);
    trainer.setHyperparameters(check.change);
    this.host.postState();
  }

  /** One step under tf.profile, with nothing else running (no loop, no probe) so only its kernels count. */
  async countKernels(): Promise<void> {
    const { host } = this;
    const trainer = requireTrainable(host.run, host.fault());
    host.probes.userStepped();
    await host.stopLoop();
    await host.exclusive.run(async () => {
      const { kernels } = await profileKernels(() => host.loop.trainOneStep(trainer));
      host.loop.flush();
      host.post({ type: 'kernel-count', step: trainer.step, kernels });
    });
    host.postState();
  }
}
