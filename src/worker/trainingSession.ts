import { EvaluationStopped } from '../cpc/eval';
import * as tf from '@tensorflow/tfjs';
import { LIVE_KEYS, parseConfig, type CpcConfig, type LiveConfig } from '../cpc/config';
import type { ImageSet } from '../cpc/data/imageSet';
import { resolveGeometry } from '../cpc/geometry';
import { decodeCheckpoint, readCheckpointManifest, type CheckpointManifest } from '../cpc/checkpoint/format';
import { profileKernels } from '../cpc/train/kernelProfile';
import { CpcTrainer } from '../cpc/train/trainer';
import { Exclusive } from './analysis/exclusive';
import type { ProbeMoment } from './analysis/probeSchedule';
import { SessionAnalysis } from './analysis/sessionAnalysis';
import { loadDataset } from './dataset';
import { checkLiveChange } from '../cpc/liveChange';
import { MetricsBatcher, type MetricsBatch } from './metricsBatcher';
import type {
  AnalysisCommand,
  BackendChoice,
  BackendName,
  BackendSelection,
  DatasetSpec,
  GpuBackendName,
  MemoryInfo,
  ProgressPhase,
  WorkerCommand,
  WorkerEvent,
} from './protocol';
import { handleKeepCommand, type KeepCommand } from './keep/sessionKeep';
import type { StepTimer } from './backendProbe';
import { scratchStepTimer, timeWarmSteps, warmUpBackend } from './warmup';
import { yieldToEventLoop } from './yieldToEventLoop';

/** The part of CpcTrainer the session drives. */
export type SessionTrainer = Pick<
  CpcTrainer,
  | 'step'
  | 'currentConfig'
  | 'trainStep'
  | 'stepAsync'
  | 'setHyperparameters'
  | 'dispose'
  | 'model'
  | 'saveCheckpoint'
>;

/** Steps between in-memory snapshots while training (one is also taken whenever the loop stops). */
const SNAPSHOT_EVERY_STEPS = 50;
/** How long a recovery waits for the step in flight on a lost device before it gives up on the worker. */
const LOST_STEP_WAIT_MS = 10_000;

export interface SessionDeps {
  /** `transfer`: buffers inside the event that the page takes over (never used again here). */
  post: (event: WorkerEvent, transfer?: Transferable[]) => void;
  /** `timeStep` (for `auto`) times the run's step on whichever backend is active, to pick the fastest. */
  initBackend: (
    choice: BackendChoice,
    onGpuError: (message: string) => void,
    timeStep?: StepTimer,
  ) => Promise<BackendSelection>;
  /** After a lost device or GPU error: the lost backend on a fresh device, else the next one. */
  recoverBackend: (lost: BackendName, onGpuError: (message: string) => void) => Promise<BackendSelection>;
  /** For a worker that only times a candidate backend (backend.ts startCandidate). */
  startCandidate?: (
    candidates: readonly GpuBackendName[],
    softwareGpuCounts: boolean,
    onGpuError: (message: string) => void,
  ) => Promise<(BackendSelection & { backend: GpuBackendName }) | { skipped: string }>;
  /** Tests wrap the real trainer here (e.g. to fake a non-finite step). */
  createTrainer?: (config: CpcConfig, images: ImageSet) => SessionTrainer;
  /** Rebuilds a trainer from a snapshot (`saveCheckpoint` bytes); tests wrap it to see the result. */
  restoreTrainer?: (snapshot: Uint8Array, images: ImageSet) => SessionTrainer;
  /** Destroys the GPU device (test hook); false when the current backend has none. */
  loseDevice?: () => boolean;
  /** Ends the worker at once, as the browser ends one out of memory (test hook; absent in Node). */
  closeWorker?: () => void;
  snapshotEverySteps?: number;
  now?: () => number;
  /**
   * How long the step-0 baseline probe waits after a run is ready before it starts (default 0). A Start
   * or Step within it skips the probe: the first batch of a probe cannot be stopped, and on a GPU it also
   * compiles the evaluation's shaders, which can take longer than the user wants to wait for a step.
   */
  readyProbeDelayMs?: number;
}

/** A command that was refused before it touched the run: the run (if any) goes on as it was. */
class CommandRejected extends Error {}

/**
 * Everything the worker does, minus the postMessage wiring, so that it runs in Node tests too.
 * Commands execute one after another in arrival order; the training loop runs beside them and yields
 * to the event loop between steps, so pause, step and live changes take effect after the step in flight.
 */
export class TrainingSession {
  private trainer: SessionTrainer | null = null;
  private images: ImageSet | null = null;
  /** Held-out images for the probes (manifest split, or seeded 80/20 of a labelled import); null when none. */
  testImages: ImageSet | null = null;
  private running = false;
  /** Single steps asked for while paused. */
  private queuedSteps = 0;
  /** The step at which a `start` with `untilStep` pauses by itself; null: run until paused. */
  private untilStep: number | null = null;
  private loop: Promise<void> | null = null;
  /** The loop in progress trained at least one step on Start (not only single steps): its end is a pause. */
  private trainedFreely = false;
  /** The automatic probes queued so far (settles, never rejects); the trainer is not disposed under them. */
  private autoProbes: Promise<void> = Promise.resolve();
  /** Bumped whenever the run is about to be replaced: probes queued before that are skipped. */
  private probeEpoch = 0;
  /** Bumped by Start and Step: every automatic probe queued or running before then stops. */
  private userStepRequests = 0;
  /**
   * The first GPU error (or device loss) since the backend started. After it the device has dropped work,
   * so results cannot be trusted: training is refused until the recovery it triggers has rebuilt the run
   * from the last snapshot on a fresh backend.
   */
  private gpuFault: string | null = null;
  /** Test hook: the next step ends the worker halfway (`simulate-worker-death`). */
  private dieInNextStep = false;
  private backend: BackendName | null = null;
  /** Set by `take-over`: a lost GPU rebuilds the run here, on the backend it moved from. */
  private fallback: BackendName | null = null;
  /** After `hand-over` the run goes on in another worker: this one posts no more state or probes. */
  private handingOver = false;
  /** The trainer's weights, optimizer state and step, read back while the device was healthy. */
  private snapshot: { bytes: Uint8Array; step: number } | null = null;
  private commands: Promise<void> = Promise.resolve();
  private readonly batcher = new MetricsBatcher();
  private readonly now: () => number;
  private readonly createTrainer: (config: CpcConfig, images: ImageSet) => SessionTrainer;
  private readonly restoreTrainer: (snapshot: Uint8Array, images: ImageSet) => SessionTrainer;
  private readonly snapshotEverySteps: number;
  /** Training steps and analysis requests take turns through this, one at a time. */
  private readonly exclusive = new Exclusive();
  private readonly analysis: SessionAnalysis;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? (() => performance.now());
    this.createTrainer = deps.createTrainer ?? ((config, images) => new CpcTrainer(config, images));
    this.restoreTrainer =
      deps.restoreTrainer ?? ((snapshot, images) => CpcTrainer.fromCheckpoint(snapshot, images).trainer);
    this.snapshotEverySteps = deps.snapshotEverySteps ?? SNAPSHOT_EVERY_STEPS;
    this.analysis = new SessionAnalysis((event, transfer) => deps.post(event, transfer), this.now);
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
    await this.loop;
    await this.autoProbes;
  }

  /** For errors that escaped everything else (the worker's global handlers). */
  report(err: unknown): void {
    const recoverable = err instanceof CommandRejected && this.trainer !== null;
    this.deps.post({ type: 'error', message: err instanceof Error ? err.message : String(err), recoverable });
  }

  private async execute(command: WorkerCommand): Promise<void> {
    switch (command.type) {
      case 'init':
        return this.init(command.config, command.backend, command.dataset);
      case 'start':
        this.requireTrainable();
        this.userStepRequests++;
        this.untilStep = command.untilStep ?? null;
        this.running = !this.reachedUntilStep();
        this.kick();
        return this.postState();
      case 'pause':
        this.running = false;
        this.untilStep = null;
        this.queuedSteps = 0;
        if (!this.loop) this.postState();
        return;
      case 'step':
        this.requireTrainable();
        this.userStepRequests++;
        this.running = false;
        this.queuedSteps++;
        this.kick();
        return;
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
        this.images = null;
        this.testImages = null;
        this.analysis.clear();
        return this.postState();
      case 'count-kernels':
        return this.countKernels();
      case 'time-backend':
        return this.timeBackend(command);
      case 'hand-over':
        return this.handOver(command.requestId);
      case 'take-over':
        return this.takeOver(command);
      case 'simulate-device-loss':
        if (!this.deps.loseDevice?.())
          throw new CommandRejected(`The ${this.backend} backend has no GPU device to lose.`);
        return;
      case 'simulate-worker-death':
        if (!this.deps.closeWorker) throw new CommandRejected('This worker cannot end itself.');
        this.dieInNextStep = true;
        return;
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
    this.gpuFault = null;
    // The dataset comes first: `auto` times the candidate backends on this config's real steps.
    const loaded = await loadDataset(dataset, config, (fraction, message) =>
      this.progress('dataset', 0.1 * fraction, message),
    );
    const images = loaded.train;
    this.testImages = loaded.test;
    if (backend === 'auto') this.progress('backend', 0.1, 'Timing the backends on this config…');
    const probeStarted = this.now();
    const warmed = new Set<string>();
    const selection = await this.deps.initBackend(
      backend,
      (message) => this.onGpuError(message),
      scratchStepTimer(() => this.createTrainer(config, images), this.now, warmed),
    );
    this.backend = selection.backend;
    this.progress('warmup', 0.2, `Compiling the ${selection.backend} kernels…`);
    const warmupMs = warmed.has(selection.backend)
      ? this.now() - probeStarted
      : await this.warmUp(config, images);
    this.progress('model', 0.9, 'Building the model…');
    this.images = images;
    this.trainer = restore ? this.restoreTrainer(restore, images) : this.createTrainer(config, images);
    await this.takeSnapshot();
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
    this.queueAutoProbe('ready');
  }

  private postResumed(checkpoint: Uint8Array): void {
    const { step, config, extra } = readCheckpointManifest(checkpoint);
    this.deps.post({ type: 'resumed', step, config, extra });
  }

  /**
   * Compiles every kernel of a step before `ready`, on a throwaway trainer with the same shapes
   * (warmup.ts). The real run starts afterwards from untouched seeded streams, so it matches a run
   * without warm-up step for step.
   */
  private async warmUp(config: CpcConfig, images: ImageSet): Promise<number> {
    const started = this.now();
    const scratch = this.createTrainer(config, images);
    try {
      await warmUpBackend(scratch);
    } finally {
      scratch.dispose();
    }
    return this.now() - started;
  }

  /**
   * Checks the checkpoint against a model of its own config before the current run is touched (so a bad
   * file leaves the run as it was), then re-inits with its config and restores its weights and step.
   */
  private async resume(bytes: Uint8Array, backend: BackendChoice, dataset: DatasetSpec): Promise<void> {
    let manifest: CheckpointManifest;
    try {
      manifest = decodeCheckpoint(bytes).manifest;
      const { imageSize: size, channels } = manifest.config;
      const blank: ImageSet = {
        pixels: new Uint8Array(size * size * channels),
        count: 1,
        size,
        channels,
        labels: null,
        classNames: [],
      };
      this.restoreTrainer(bytes, blank).dispose();
    } catch (err) {
      throw new CommandRejected(
        `This checkpoint cannot be loaded: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    await this.init(manifest.config, backend, dataset, bytes);
  }

  /**
   * A candidate worker (backendMove.ts): the backend first (no dataset is loaded when there is no GPU to
   * time), then the dataset, the compilation and the timed steps. The worker keeps the backend, the
   * compiled kernels and the images for a `take-over`.
   */
  private async timeBackend(command: Extract<WorkerCommand, { type: 'time-backend' }>): Promise<void> {
    const config = validConfig(command.config);
    const started = this.now();
    const selection = (await this.deps.startCandidate?.(
      command.candidates,
      command.softwareGpuCounts,
      (message) => this.onGpuError(message),
    )) ?? { skipped: 'no candidate backends in this worker' };
    if ('skipped' in selection) {
      const note = `not timed (${selection.skipped})`;
      return this.deps.post({ type: 'backend-timed', backend: null, msPerStep: null, warmupMs: 0, note });
    }
    const loaded = await loadDataset(command.dataset, config, (fraction, message) =>
      this.progress('dataset', fraction, message),
    );
    const timing = await timeWarmSteps(
      () => this.createTrainer(config, loaded.train),
      command.steps,
      this.now,
    );
    this.backend = selection.backend;
    this.images = loaded.train;
    this.testImages = loaded.test;
    this.analysis.useData({ train: loaded.train, test: loaded.test, config });
    this.deps.post({
      type: 'backend-timed',
      backend: selection.backend,
      msPerStep: timing.msPerStep,
      warmupMs: this.now() - started,
      note: `${selection.reason}, compiled in ${Math.round(timing.compileMs)} ms`,
    });
  }

  /**
   * Stops the run after the step in flight and hands it over as a checkpoint, with what it was doing
   * (running, until which step, single steps still queued), so the next worker goes on step for step.
   */
  private async handOver(requestId: number): Promise<void> {
    // Always answered with the request's id: the page holds its commands until then.
    if (!this.trainer || this.gpuFault !== null) {
      const message = this.gpuFault ?? 'No run to hand over.';
      return this.deps.post({ type: 'request-failed', requestId, message });
    }
    const running = this.running;
    const untilStep = this.untilStep;
    const queuedSteps = this.queuedSteps;
    this.handingOver = true;
    this.userStepRequests++; // stops an automatic probe at its next batch
    await this.stopLoop();
    await this.exclusive.run(() => this.takeSnapshot());
    const snapshot = this.snapshot;
    if (!snapshot || this.gpuFault !== null) {
      this.handingOver = false;
      const message = this.gpuFault ?? 'No snapshot of the run to hand over.';
      return this.deps.post({ type: 'request-failed', requestId, message });
    }
    const checkpoint = snapshot.bytes.slice();
    this.deps.post(
      { type: 'handed-over', requestId, step: snapshot.step, checkpoint, running, untilStep, queuedSteps },
      [checkpoint.buffer],
    );
  }

  /** After `time-backend`: the run handed over by the other worker goes on here as it was. */
  private takeOver(command: Extract<WorkerCommand, { type: 'take-over' }>): void {
    const images = this.images;
    if (images === null || this.backend === null || this.trainer !== null)
      throw new CommandRejected('Nothing to take the run over with: send time-backend first.');
    this.trainer = this.restoreTrainer(command.checkpoint, images);
    this.snapshot = { bytes: command.checkpoint, step: this.trainer.step };
    this.fallback = command.fallback;
    this.deps.post({ type: 'moved', backend: this.backend, reason: command.reason, step: this.trainer.step });
    this.untilStep = command.untilStep;
    this.running = command.running && !this.reachedUntilStep();
    this.queuedSteps = command.queuedSteps;
    if (this.running || this.queuedSteps > 0) this.kick();
    this.postState();
  }

  private async keep(command: KeepCommand): Promise<void> {
    const trainer = this.requireTrainer();
    const images = { train: this.images as ImageSet, test: this.testImages };
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
    const images = this.images as ImageSet;
    await this.stopLoop();
    const config = trainer.currentConfig;
    this.disposeTrainer();
    this.trainer = this.createTrainer(config, images);
    await this.takeSnapshot();
    this.postState();
    this.queueAutoProbe('ready');
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
        return this.queueAutoProbe('ready');
      }
      const trainer = this.requireTrainer();
      await this.exclusive.run(() => this.analysis.handle(command, trainer));
    } catch (err) {
      throw new CommandRejected(err instanceof Error ? err.message : String(err));
    }
  }

  /**
   * An automatic probe, run between two steps (through `exclusive`) so it never overlaps a step or
   * another request. Not in the command queue: a Start or Pause that arrives meanwhile takes effect at
   * once, and a Start or Step stops the probe at its next batch of images. Skipped when the run was replaced (init, reset,
   * dispose) or hit a GPU fault meanwhile; the schedule (probeSchedule.ts) keeps it from probing a step twice.
   */
  private queueAutoProbe(moment: ProbeMoment): void {
    const trainer = this.trainer;
    if (!trainer) return;
    // On a GPU the probe's first batch compiles the evaluation's shaders, which cannot be stopped and
    // can outlast the user's patience (minutes on a software GPU): the baselines come with the first pause.
    if (moment === 'ready' && (this.backend === 'webgpu' || this.backend === 'webgl')) return;
    const epoch = this.probeEpoch;
    const current = () => this.trainer === trainer && this.probeEpoch === epoch && this.gpuFault === null;
    // A Start or Step stops it between two batches of images: training never waits for a whole probe the
    // user did not ask for. Its scores come with the next one (on pause, or every N steps).
    const asked = this.userStepRequests;
    const stopped = () => this.userStepRequests !== asked;
    const delayMs = moment === 'ready' ? (this.deps.readyProbeDelayMs ?? 0) : 0;
    const waited = delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, delayMs)) : Promise.resolve();
    const probe = waited.then(() =>
      this.exclusive.run(async () => {
        if (current() && !stopped()) await this.analysis.autoProbe(moment, trainer, stopped);
      }),
    );
    this.autoProbes = probe.catch((err: unknown) => {
      if (!current() || err instanceof EvaluationStopped) return; // nobody waits for this probe any more
      this.report(
        new CommandRejected(`Automatic probe: ${err instanceof Error ? err.message : String(err)}`),
      );
    });
  }

  private kick(): void {
    this.loop ??= this.runLoop();
  }

  /**
   * Steps while running or while single steps are queued, snapshots the weights as of the pause (unless
   * the device is what stopped it), then reports the final metrics and state.
   */
  private async runLoop(): Promise<void> {
    let failure: unknown = null;
    this.trainedFreely = false;
    try {
      // A start or step that arrives during the pause snapshot goes round again.
      while (this.trainer && (this.running || this.queuedSteps > 0)) {
        await this.trainWhileAsked();
        if (this.gpuFault === null) await this.exclusive.run(() => this.takeSnapshot());
      }
    } catch (err) {
      this.running = false;
      this.queuedSteps = 0;
      failure = err;
    } finally {
      this.loop = null;
    }
    this.postMetrics(this.batcher.flush(this.now()));
    // A step that failed with the device is the recovery's business, not another error.
    if (failure !== null && this.gpuFault === null) this.report(failure);
    this.postState();
    if (failure === null && this.trainedFreely && !this.handingOver) this.queueAutoProbe('pause');
  }

  private async trainWhileAsked(): Promise<void> {
    while (this.trainer && (this.running || this.queuedSteps > 0)) {
      if (this.running && this.reachedUntilStep()) {
        this.running = false;
        this.untilStep = null;
        break;
      }
      if (!this.running) this.queuedSteps--;
      else this.trainedFreely = true;
      const trainer = this.trainer;
      await this.exclusive.run(async () => {
        await this.trainOneStep(trainer);
        await this.analysis.afterStep(trainer);
        if (this.gpuFault === null && trainer.step % this.snapshotEverySteps === 0) await this.takeSnapshot();
      });
      await yieldToEventLoop();
    }
  }

  private async trainOneStep(trainer: SessionTrainer): Promise<void> {
    const started = this.now();
    const { batchSize } = trainer.currentConfig;
    const step = trainer.trainStep();
    if (this.dieInNextStep) await this.dieMidStep(step);
    const metrics = await step;
    const finished = this.now();
    this.postMetrics(this.batcher.push({ ...metrics, batchSize, stepMs: finished - started }, finished));
    if (!metrics.finite) {
      this.running = false;
      this.queuedSteps = 0;
      this.postMetrics(this.batcher.flush(finished));
      this.deps.post({
        type: 'error',
        message:
          `Step ${metrics.step}: the loss or gradient is not finite (loss ${metrics.loss}), so its update was ` +
          'skipped: the weights are kept as the last good ones and training is paused. Learning rate too ' +
          'high? Lower it, then press Start.',
        recoverable: true,
      });
    }
  }

  /**
   * Ends the worker with the step's kernels dispatched and its result never read, then waits for ever:
   * a closed worker runs nothing more, so neither the step's metrics nor any error reach the page.
   */
  private dieMidStep(step: Promise<unknown>): Promise<never> {
    this.deps.closeWorker?.();
    void step.catch(() => {});
    return new Promise<never>(() => {});
  }

  /** One step under tf.profile, with nothing else running (no loop, no probe) so only its kernels count. */
  private async countKernels(): Promise<void> {
    const trainer = this.requireTrainer();
    this.requireTrainable();
    this.userStepRequests++;
    await this.stopLoop();
    await this.exclusive.run(async () => {
      const { kernels } = await profileKernels(() => this.trainOneStep(trainer));
      this.postMetrics(this.batcher.flush(this.now()));
      this.deps.post({ type: 'kernel-count', step: trainer.step, kernels });
    });
    this.postState();
  }

  /** Called by the backend at any time; the recovery queues behind the command in progress. */
  private onGpuError(message: string): void {
    this.running = false;
    this.queuedSteps = 0;
    if (this.gpuFault !== null) return;
    this.gpuFault = message;
    this.deps.post({
      type: 'error',
      message: `${message} Rebuilding the run from its last snapshot…`,
      recoverable: true,
    });
    void this.enqueue(() => this.recover(message));
  }

  /**
   * Rebuilds the run from the last snapshot on a fresh device or the next backend, then waits paused:
   * the user sees what happened and presses Start.
   */
  private async recover(fault: string): Promise<void> {
    const lost = this.backend;
    const snapshot = this.snapshot;
    const images = this.images;
    if (lost === null || snapshot === null || images === null) {
      throw new Error(`${fault} There was no model yet; choose a backend to start again.`);
    }
    await this.waitForStepInFlight(fault);
    // Live changes made since the snapshot still hold (the config is plain data, readable after a loss).
    const liveSettings = this.trainer && pickLive(this.trainer.currentConfig);
    this.disposeAfterLoss();
    const onGpuError = (message: string) => this.onGpuError(message);
    // A run that moved here goes back where it came from, which is known to work and to be fast enough.
    const selection = this.fallback
      ? await this.deps.initBackend(this.fallback, onGpuError)
      : await this.deps.recoverBackend(lost, onGpuError);
    this.fallback = null;
    this.backend = selection.backend;
    this.gpuFault = null;
    this.trainer = this.restoreTrainer(snapshot.bytes, images);
    if (liveSettings) this.trainer.setHyperparameters(liveSettings);
    this.deps.post({
      type: 'recovered',
      backend: selection.backend,
      reason: selection.reason,
      step: snapshot.step,
      message:
        `${lost} failed: ${fault} The run was rebuilt on ${selection.backend} from its snapshot at step ` +
        `${snapshot.step}; steps after it were lost. Training is paused: press Start to go on.`,
    });
    this.postState();
  }

  /** A step on a lost device can hang forever; past the wait the worker itself must be restarted. */
  private async waitForStepInFlight(fault: string): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), LOST_STEP_WAIT_MS);
    });
    const hung = await Promise.race([loop.then(() => false), timedOut]);
    clearTimeout(timer);
    if (hung) throw new Error(`${fault} The step in flight never finished: reload the page to go on.`);
  }

  /** Frees the dead trainer's tensors; on a lost device some frees fail, which must not stop recovery. */
  private disposeAfterLoss(): void {
    try {
      this.trainer?.dispose();
    } catch {
      // The buffers went with the device.
    }
    this.trainer = null;
  }

  private async takeSnapshot(): Promise<void> {
    const trainer = this.trainer;
    if (!trainer || this.snapshot?.step === trainer.step) return;
    this.snapshot = { bytes: await trainer.saveCheckpoint(), step: trainer.step };
  }

  private reachedUntilStep(): boolean {
    return this.untilStep !== null && (this.trainer?.step ?? 0) >= this.untilStep;
  }

  private async stopLoop(): Promise<void> {
    this.running = false;
    this.queuedSteps = 0;
    await this.loop;
    // After the loop: the probe its end queued (on pause) is for a run about to go, so it is skipped too.
    this.probeEpoch++;
    await this.autoProbes;
  }

  private requireTrainer(): SessionTrainer {
    if (!this.trainer) throw new CommandRejected('No model yet: send init first.');
    return this.trainer;
  }

  private requireTrainable(): void {
    this.requireTrainer();
    if (this.gpuFault !== null) {
      throw new CommandRejected(
        `${this.gpuFault} The run is being rebuilt from its last snapshot: wait for it.`,
      );
    }
  }

  private disposeTrainer(): void {
    this.trainer?.dispose();
    this.trainer = null;
    this.snapshot = null;
  }

  private progress(phase: ProgressPhase, fraction: number, message: string): void {
    this.deps.post({ type: 'progress', phase, fraction, message });
  }

  private postMetrics(batch: MetricsBatch | null): void {
    if (!batch) return;
    this.deps.post({ type: 'metrics', ...batch, memory: memoryInfo() });
  }

  private postState(): void {
    if (this.handingOver) return;
    this.deps.post({
      type: 'state',
      running: this.loop !== null && this.running,
      step: this.trainer?.step ?? 0,
    });
  }
}

function pickLive(config: CpcConfig): LiveConfig {
  return Object.fromEntries(LIVE_KEYS.map((key) => [key, config[key]])) as LiveConfig;
}

/** tfjs adds the GPU backends' own figures to tf.memory(): numBytesInGPU on webgl and webgpu. */
function memoryInfo(): MemoryInfo {
  const memory = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: unknown };
  const { numTensors, numBytes, numBytesInGPU } = memory;
  return typeof numBytesInGPU === 'number'
    ? { numTensors, numBytes, numBytesInGPU }
    : { numTensors, numBytes };
}

/** The config arrives over postMessage: re-validate it rather than trust the sender's types. */
function validConfig(raw: CpcConfig): CpcConfig {
  const { config, issues } = parseConfig(raw);
  if (issues.length > 0) {
    throw new CommandRejected(`Invalid config: ${issues.map((i) => `${i.key} (${i.reason})`).join(', ')}.`);
  }
  const { errors } = resolveGeometry(config);
  if (errors.length > 0) throw new CommandRejected(`Invalid config: ${errors.join(' ')}`);
  return config;
}
