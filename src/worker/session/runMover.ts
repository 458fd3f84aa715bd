import type { CpcConfig } from '../../cpc/config';
import type { ImageSet } from '../../cpc/data/imageSet';
import type { Exclusive } from '../analysis/exclusive';
import type { SessionAnalysis } from '../analysis/sessionAnalysis';
import { loadDataset } from '../dataset';
import type {
  BackendSelection,
  GpuBackendName,
  ProgressPhase,
  WorkerCommand,
  WorkerEvent,
} from '../protocol';
import { timeWarmSteps } from '../warmup';
import type { DeviceRecovery } from './deviceRecovery';
import { CommandRejected, type Run, type SessionTrainer } from './run';
import type { TrainingLoop } from './trainingLoop';
import { validConfig } from './validConfig';

/** What moving a run between workers needs from the session around it. */
export interface MoveHost {
  readonly run: Run;
  readonly loop: TrainingLoop;
  readonly recovery: DeviceRecovery;
  readonly exclusive: Exclusive;
  readonly analysis: SessionAnalysis;
  readonly now: () => number;
  /** For a worker that only times a candidate backend (backend.ts startCandidate). */
  startCandidate?: (
    candidates: readonly GpuBackendName[],
    softwareGpuCounts: boolean,
    onGpuError: (message: string) => void,
  ) => Promise<(BackendSelection & { backend: GpuBackendName }) | { skipped: string }>;
  createTrainer(config: CpcConfig, images: ImageSet): SessionTrainer;
  restoreTrainer(snapshot: Uint8Array): SessionTrainer;
  /** Stops the loop and any automatic probe, for good: the run is about to leave. */
  stopEverything(): Promise<void>;
  progress(phase: ProgressPhase, fraction: number, message: string): void;
  post(event: WorkerEvent, transfer?: Transferable[]): void;
  postState(): void;
}

/**
 * Both ends of a run moving to a faster backend in another worker (backendMove.ts): the candidate worker
 * times its backend on the run's config, the current one hands the run over as a checkpoint with what
 * it was doing, and the candidate takes it over and goes on step for step.
 */
export class RunMover {
  /** After `hand-over` the run goes on in another worker: this one posts no more state or probes. */
  handingOver = false;

  constructor(private readonly host: MoveHost) {}

  /**
   * A candidate worker: the backend first (no dataset is loaded when there is no GPU to time), then the
   * dataset, the compilation and the timed steps. The worker keeps the backend, the compiled kernels and
   * the images for a `take-over`.
   */
  async timeBackend(command: Extract<WorkerCommand, { type: 'time-backend' }>): Promise<void> {
    const { host } = this;
    const config = validConfig(command.config);
    const started = host.now();
    const selection = (await host.startCandidate?.(command.candidates, command.softwareGpuCounts, (message) =>
      host.recovery.onGpuError(message),
    )) ?? { skipped: 'no candidate backends in this worker' };
    if ('skipped' in selection) {
      const note = `not timed (${selection.skipped})`;
      return host.post({ type: 'backend-timed', backend: null, msPerStep: null, warmupMs: 0, note });
    }
    const loaded = await loadDataset(command.dataset, config, (fraction, message) =>
      host.progress('dataset', fraction, message),
    );
    const timing = await timeWarmSteps(
      () => host.createTrainer(config, loaded.train),
      command.steps,
      host.now,
    );
    host.run.backend = selection.backend;
    host.run.images = loaded.train;
    host.run.testImages = loaded.test;
    host.analysis.useData({ train: loaded.train, test: loaded.test, config });
    host.post({
      type: 'backend-timed',
      backend: selection.backend,
      msPerStep: timing.msPerStep,
      warmupMs: host.now() - started,
      note: `${selection.reason}, compiled in ${Math.round(timing.compileMs)} ms`,
    });
  }

  /**
   * Stops the run after the step in flight and hands it over as a checkpoint, with what it was doing
   * (running, until which step, single steps still queued), so the next worker goes on step for step.
   */
  async handOver(requestId: number): Promise<void> {
    const { host } = this;
    const { recovery } = host;
    // Always answered with the request's id: the page holds its commands until then.
    if (!host.run.trainer || recovery.fault !== null) {
      const message = recovery.fault ?? 'No run to hand over.';
      return host.post({ type: 'request-failed', requestId, message });
    }
    const plan = host.loop.plan;
    this.handingOver = true;
    await host.stopEverything();
    await host.exclusive.run(() => recovery.takeSnapshot());
    const snapshot = recovery.snapshot;
    if (!snapshot || recovery.fault !== null) {
      this.handingOver = false;
      const message = recovery.fault ?? 'No snapshot of the run to hand over.';
      return host.post({ type: 'request-failed', requestId, message });
    }
    const checkpoint = snapshot.bytes.slice();
    host.post({ type: 'handed-over', requestId, step: snapshot.step, checkpoint, ...plan }, [
      checkpoint.buffer,
    ]);
  }

  /** After `time-backend`: the run handed over by the other worker goes on here as it was. */
  takeOver(command: Extract<WorkerCommand, { type: 'take-over' }>): void {
    const { host } = this;
    const { run } = host;
    if (run.images === null || run.backend === null || run.trainer !== null)
      throw new CommandRejected('Nothing to take the run over with: send time-backend first.');
    const trainer = host.restoreTrainer(command.checkpoint);
    run.trainer = trainer;
    host.recovery.snapshot = { bytes: command.checkpoint, step: trainer.step };
    host.recovery.fallback = command.fallback;
    host.post({ type: 'moved', backend: run.backend, reason: command.reason, step: trainer.step });
    host.loop.follow(command);
    host.postState();
  }
}
