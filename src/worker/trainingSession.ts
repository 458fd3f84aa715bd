import type { CpcConfig } from '../cpc/config';
import type { ImageSet } from '../cpc/data/imageSet';
import { readCheckpointManifest } from '../cpc/checkpoint/format';
import { checkLiveChange } from '../cpc/liveChange';
import { profileKernels } from '../cpc/train/kernelProfile';
import { CpcTrainer } from '../cpc/train/trainer';
import { Exclusive } from './analysis/exclusive';
import { SessionAnalysis } from './analysis/sessionAnalysis';
import { loadDataset } from './dataset';
import { handleKeepCommand, type KeepCommand } from './keep/sessionKeep';
import type { MetricsBatch } from './metricsBatcher';
import type {
  AnalysisCommand,
  BackendChoice,
  DatasetSpec,
  ProgressPhase,
  WorkerCommand,
  WorkerEvent,
} from './protocol';
import { AutoProbes } from './session/autoProbes';
import { checkResumable } from './session/checkResumable';
import type { SessionDeps } from './session/deps';
import { DeviceRecovery } from './session/deviceRecovery';
import { CommandRejected, type Run, type SessionTrainer } from './session/run';
import { RunMover } from './session/runMover';
import { TrainingLoop } from './session/trainingLoop';
import { memoryInfo } from './session/memoryInfo';
import { validConfig } from './session/validConfig';
import { scratchStepTimer, warmUpOnScratch } from './warmup';

export type { SessionTrainer } from './session/run';
export type { SessionDeps } from './session/deps';

/** Steps between in-memory snapshots while training (one is also taken whenever the loop stops). */
const SNAPSHOT_EVERY_STEPS = 50;

/**
 * Everything the worker does, minus the postMessage wiring, so that it runs in Node tests too: a command
 * dispatcher around three parts, the training loop (session/trainingLoop.ts), the snapshot and GPU
 * recovery (session/deviceRecovery.ts) and the hand-over to another worker (session/runMover.ts).
 * Commands execute one after another in arrival order; the loop runs beside them.
 */
export class TrainingSession {
  private readonly run: Run = { trainer: null, images: null, testImages: null, backend: null };
  private commands: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly createTrainer: (config: CpcConfig, images: ImageSet) => SessionTrainer;
  private readonly restoreTrainer: (snapshot: Uint8Array, images: ImageSet) => SessionTrainer;
  /** Training steps and analysis requests take turns through this, one at a time. */
  private readonly exclusive = new Exclusive();
  private readonly analysis: SessionAnalysis;
  private readonly loop: TrainingLoop;
  private readonly recovery: DeviceRecovery;
  private readonly mover: RunMover;
  private readonly probes: AutoProbes;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? (() => performance.now());
    this.createTrainer = deps.createTrainer ?? ((config, images) => new CpcTrainer(config, images));
    this.restoreTrainer =
      deps.restoreTrainer ?? ((snapshot, images) => CpcTrainer.fromCheckpoint(snapshot, images).trainer);
    this.analysis = new SessionAnalysis((event, transfer) => deps.post(event, transfer), this.now);
    const { run, exclusive, now } = this;
    this.probes = new AutoProbes({
      run,
      exclusive,
      analysis: this.analysis,
      faulted: () => this.recovery.fault !== null,
      readyDelayMs: deps.readyProbeDelayMs ?? 0,
      report: (err) => this.report(err),
    });
    const post = (event: WorkerEvent, transfer?: Transferable[]) => deps.post(event, transfer);
    const postState = () => this.postState();
    const restore = (bytes: Uint8Array) => this.restoreTrainer(bytes, run.images as ImageSet);
    this.loop = new TrainingLoop(
      {
        run,
        exclusive,
        now,
        faulted: () => this.recovery.fault !== null,
        afterStep: (trainer) => this.analysis.afterStep(trainer),
        takeSnapshot: (everySteps) => this.recovery.takeSnapshot(everySteps),
        post,
        postMetrics: (batch) => this.postMetrics(batch),
        report: (err) => this.report(err),
        postState,
        onPaused: () => {
          if (!this.mover.handingOver) this.probes.queue('pause');
        },
      },
      deps.snapshotEverySteps ?? SNAPSHOT_EVERY_STEPS,
    );
    this.recovery = new DeviceRecovery({
      run,
      loop: this.loop,
      recoverBackend: deps.recoverBackend,
      initBackend: (choice, onGpuError) => deps.initBackend(choice, onGpuError),
      restoreTrainer: restore,
      enqueue: (task) => void this.enqueue(task),
      post,
      postState,
    });
    this.mover = new RunMover({
      run,
      loop: this.loop,
      recovery: this.recovery,
      exclusive,
      analysis: this.analysis,
      now,
      startCandidate: deps.startCandidate,
      createTrainer: this.createTrainer,
      restoreTrainer: restore,
      stopEverything: async () => {
        this.probes.userStepped(); // stops an automatic probe at its next batch
        await this.stopLoop();
      },
      progress: (phase, fraction, message) => this.progress(phase, fraction, message),
      post,
      postState,
    });
  }

  /** Held-out images for the probes (tests read them). */
  get testImages(): ImageSet | null {
    return this.run.testImages;
  }

  /** Queues a command; the promise settles when it has executed (tests await it, the worker does not). */
  handle(command: WorkerCommand): Promise<void> {
    return this.enqueue(() => this.execute(command));
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.commands = this.commands.then(task).catch((err: unknown) => this.report(err));
    return this.commands;
  }

  /**
   * Resolves once the training loop has stopped (immediately when it is not running) and what its end
   * queued (the probe on pause) has run.
   */
  async settled(): Promise<void> {
    await this.commands;
    await this.loop.inFlight;
    await this.probes.settled;
  }

  /** For errors that escaped everything else (the worker's global handlers). */
  report(err: unknown): void {
    const recoverable = err instanceof CommandRejected && this.run.trainer !== null;
    this.deps.post({ type: 'error', message: err instanceof Error ? err.message : String(err), recoverable });
  }

  private async execute(command: WorkerCommand): Promise<void> {
    switch (command.type) {
      case 'init':
        return this.init(command.config, command.backend, command.dataset);
      case 'start':
        this.requireTrainable();
        this.probes.userStepped();
        this.loop.start(command.untilStep ?? null);
        return this.postState();
      case 'pause':
        if (this.loop.pause()) this.postState();
        return;
      case 'step':
        this.requireTrainable();
        this.probes.userStepped();
        return this.loop.step();
      case 'reset':
        return this.reset();
      case 'resume':
        return this.resume(command.checkpoint, command.backend, command.dataset);
      case 'save-checkpoint':
      case 'export-encoder':
      case 'request-embeddings':
        return this.keep(command);
      case 'set-hyperparameters':
        return this.setHyperparameters(command.change);
      case 'dispose':
        await this.stopLoop();
        this.disposeTrainer();
        this.run.images = null;
        this.run.testImages = null;
        this.analysis.clear();
        return this.postState();
      case 'count-kernels':
        return this.countKernels();
      case 'time-backend':
        return this.mover.timeBackend(command);
      case 'hand-over':
        return this.mover.handOver(command.requestId);
      case 'take-over':
        return this.mover.takeOver(command);
      case 'simulate-device-loss':
        if (!this.deps.loseDevice?.())
          throw new CommandRejected(`The ${this.run.backend} backend has no GPU device to lose.`);
        return;
      case 'simulate-worker-death':
        if (!this.deps.closeWorker) throw new CommandRejected('This worker cannot end itself.');
        return this.loop.dieInNextStep(this.deps.closeWorker);
      case 'request-inspection':
      case 'request-neighbours':
      case 'request-embedding-map':
      case 'request-probe':
      case 'request-evaluation-images':
      case 'set-visualisation':
      case 'set-image-feature':
      case 'set-probe-schedule':
        return this.analyse(command);
      default:
        throw new CommandRejected(`Unknown command ${JSON.stringify((command as { type?: unknown }).type)}.`);
    }
  }

  /** `restore`: a checked checkpoint (of this config) whose weights, optimizer state and step replace fresh ones. */
  private async init(
    rawConfig: CpcConfig,
    backend: BackendChoice,
    dataset: DatasetSpec,
    restore?: Uint8Array,
  ): Promise<void> {
    const config = validConfig(rawConfig);
    await this.stopLoop();
    this.disposeTrainer();
    this.progress('backend', 0, `Starting the ${backend} backend…`);
    this.recovery.fault = null;
    // The dataset comes first: `auto` times the candidate backends on this config's real steps.
    const loaded = await loadDataset(dataset, config, (fraction, message) =>
      this.progress('dataset', 0.1 * fraction, message),
    );
    const images = loaded.train;
    this.run.testImages = loaded.test;
    if (backend === 'auto') this.progress('backend', 0.1, 'Timing the backends on this config…');
    const probeStarted = this.now();
    const warmed = new Set<string>();
    const selection = await this.deps.initBackend(
      backend,
      (message) => this.recovery.onGpuError(message),
      scratchStepTimer(() => this.createTrainer(config, images), this.now, warmed),
    );
    this.run.backend = selection.backend;
    this.progress('warmup', 0.2, `Compiling the ${selection.backend} kernels…`);
    const warmupMs = warmed.has(selection.backend)
      ? this.now() - probeStarted
      : await warmUpOnScratch(() => this.createTrainer(config, images), this.now);
    this.progress('model', 0.9, 'Building the model…');
    this.run.images = images;
    this.run.trainer = restore ? this.restoreTrainer(restore, images) : this.createTrainer(config, images);
    await this.recovery.takeSnapshot();
    this.analysis.useData({ train: images, test: loaded.test, config });
    this.progress('model', 1, 'Ready.');
    this.deps.post({
      type: 'ready',
      backend: selection.backend,
      reason: selection.reason,
      ...(selection.gpus && { gpus: selection.gpus }),
      warmupMs,
      dataset: loaded.info,
    });
    if (restore) this.postResumed(restore);
    this.postState();
    this.probes.queue('ready');
  }

  private postResumed(checkpoint: Uint8Array): void {
    const { step, config, extra } = readCheckpointManifest(checkpoint);
    this.deps.post({ type: 'resumed', step, config, extra });
  }

  /**
   * Checks the checkpoint against a model of its own config before the current run is touched (so a bad
   * file leaves the run as it was), then re-inits with its config and restores its weights and step.
   */
  private async resume(bytes: Uint8Array, backend: BackendChoice, dataset: DatasetSpec): Promise<void> {
    const manifest = checkResumable(bytes, this.restoreTrainer);
    await this.init(manifest.config, backend, dataset, bytes);
  }

  private async keep(command: KeepCommand): Promise<void> {
    const trainer = this.requireTrainer();
    const images = { train: this.run.images as ImageSet, test: this.run.testImages };
    await this.exclusive.run(() =>
      handleKeepCommand(
        command,
        trainer,
        images,
        this.analysis.imageFeature,
        (event, transfer) => this.deps.post(event, transfer),
        this.now,
      ),
    );
  }

  private async reset(): Promise<void> {
    const trainer = this.requireTrainer();
    const images = this.run.images as ImageSet;
    await this.stopLoop();
    const config = trainer.currentConfig;
    this.disposeTrainer();
    this.run.trainer = this.createTrainer(config, images);
    await this.recovery.takeSnapshot();
    this.postState();
    this.probes.queue('ready');
  }

  private setHyperparameters(change: unknown): void {
    const trainer = this.requireTrainer();
    const check = checkLiveChange(trainer.currentConfig, change);
    if (!check.ok) throw new CommandRejected(check.reason);
    trainer.setHyperparameters(check.change);
    this.postState();
  }

  /** A failed request leaves the run as it was, so its error is recoverable. */
  private async analyse(command: AnalysisCommand): Promise<void> {
    try {
      if (command.type === 'set-visualisation') return this.analysis.setVisualisation(command.everySteps);
      if (command.type === 'set-image-feature') return this.analysis.setImageFeature(command.feature);
      if (command.type === 'set-probe-schedule') {
        this.analysis.setProbeSchedule(command.everySteps);
        // A schedule that arrives after the run was ready still gives it its baselines.
        return this.probes.queue('ready');
      }
      const trainer = this.requireTrainer();
      await this.exclusive.run(() => this.analysis.handle(command, trainer));
    } catch (err) {
      throw new CommandRejected(err instanceof Error ? err.message : String(err));
    }
  }

  /** One step under tf.profile, with nothing else running (no loop, no probe) so only its kernels count. */
  private async countKernels(): Promise<void> {
    const trainer = this.requireTrainer();
    this.requireTrainable();
    this.probes.userStepped();
    await this.stopLoop();
    await this.exclusive.run(async () => {
      const { kernels } = await profileKernels(() => this.loop.trainOneStep(trainer));
      this.loop.flush();
      this.deps.post({ type: 'kernel-count', step: trainer.step, kernels });
    });
    this.postState();
  }

  private async stopLoop(): Promise<void> {
    await this.loop.stop();
    // After the loop: the probe its end queued (on pause) is for a run about to go, so it is skipped too.
    await this.probes.skipQueued();
  }

  private requireTrainer(): SessionTrainer {
    if (!this.run.trainer) throw new CommandRejected('No model yet: send init first.');
    return this.run.trainer;
  }

  private requireTrainable(): void {
    this.requireTrainer();
    if (this.recovery.fault !== null) {
      throw new CommandRejected(
        `${this.recovery.fault} The run is being rebuilt from its last snapshot: wait for it.`,
      );
    }
  }

  private disposeTrainer(): void {
    this.run.trainer?.dispose();
    this.run.trainer = null;
    this.recovery.snapshot = null;
  }

  private progress(phase: ProgressPhase, fraction: number, message: string): void {
    this.deps.post({ type: 'progress', phase, fraction, message });
  }

  private postMetrics(batch: MetricsBatch | null): void {
    if (!batch) return;
    this.deps.post({ type: 'metrics', ...batch, memory: memoryInfo() });
  }

  private postState(): void {
    if (this.mover.handingOver) return;
    this.deps.post({
      type: 'state',
      running: this.loop.active,
      step: this.run.trainer?.step ?? 0,
    });
  }
}
