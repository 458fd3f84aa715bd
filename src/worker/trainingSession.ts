import * as tf from '@tensorflow/tfjs';
import { parseConfig, type CpcConfig } from '../cpc/config';
import type { ImageSet } from '../cpc/data/imageSet';
import { resolveGeometry } from '../cpc/geometry';
import { CpcTrainer } from '../cpc/train/trainer';
import { Exclusive } from './analysis/exclusive';
import { SessionAnalysis } from './analysis/sessionAnalysis';
import { loadDataset } from './dataset';
import { checkLiveChange } from './liveChange';
import { MetricsBatcher, type MetricsBatch } from './metricsBatcher';
import type {
  AnalysisCommand,
  BackendChoice,
  BackendSelection,
  DatasetSpec,
  ProgressPhase,
  WorkerCommand,
  WorkerEvent,
} from './protocol';
import { yieldToEventLoop } from './yieldToEventLoop';

/** The part of CpcTrainer the session drives. */
export type SessionTrainer = Pick<
  CpcTrainer,
  'step' | 'currentConfig' | 'trainStep' | 'setHyperparameters' | 'dispose' | 'model'
>;

export interface SessionDeps {
  /** `transfer`: buffers inside the event that the page takes over (never used again here). */
  post: (event: WorkerEvent, transfer?: Transferable[]) => void;
  initBackend: (choice: BackendChoice, onGpuError: (message: string) => void) => Promise<BackendSelection>;
  /** Tests wrap the real trainer here (e.g. to fake a non-finite step). */
  createTrainer?: (config: CpcConfig, images: ImageSet) => SessionTrainer;
  now?: () => number;
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
  private loop: Promise<void> | null = null;
  /**
   * The first GPU error since init. After it the device has dropped work, so results cannot be trusted
   * and training stays refused until the next init (one bad kernel fails every step after it too).
   */
  private gpuFault: string | null = null;
  private commands: Promise<void> = Promise.resolve();
  private readonly batcher = new MetricsBatcher();
  private readonly now: () => number;
  private readonly createTrainer: (config: CpcConfig, images: ImageSet) => SessionTrainer;
  /** Training steps and analysis requests take turns through this, one at a time. */
  private readonly exclusive = new Exclusive();
  private readonly analysis: SessionAnalysis;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? (() => performance.now());
    this.createTrainer = deps.createTrainer ?? ((config, images) => new CpcTrainer(config, images));
    this.analysis = new SessionAnalysis((event, transfer) => deps.post(event, transfer), this.now);
  }

  /** Queues a command; the promise settles when it has executed (tests await it, the worker does not). */
  handle(command: WorkerCommand): Promise<void> {
    this.commands = this.commands.then(() => this.execute(command)).catch((err: unknown) => this.report(err));
    return this.commands;
  }

  /** Resolves once the training loop has stopped (immediately when it is not running). */
  async settled(): Promise<void> {
    await this.commands;
    await this.loop;
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
        this.running = true;
        this.kick();
        return this.postState();
      case 'pause':
        this.running = false;
        this.queuedSteps = 0;
        if (!this.loop) this.postState();
        return;
      case 'step':
        this.requireTrainable();
        this.running = false;
        this.queuedSteps++;
        this.kick();
        return;
      case 'reset':
        return this.reset();
      case 'set-hyperparameters':
        return this.setHyperparameters(command.change);
      case 'dispose':
        await this.stopLoop();
        this.disposeTrainer();
        this.images = null;
        this.testImages = null;
        this.analysis.clear();
        return this.postState();
      case 'request-inspection':
      case 'request-neighbours':
      case 'request-embedding-map':
      case 'request-probe':
      case 'request-evaluation-images':
      case 'set-visualisation':
        return this.analyse(command);
      default:
        throw new CommandRejected(`Unknown command ${JSON.stringify((command as { type?: unknown }).type)}.`);
    }
  }

  private async init(rawConfig: CpcConfig, backend: BackendChoice, dataset: DatasetSpec): Promise<void> {
    const config = validConfig(rawConfig);
    await this.stopLoop();
    this.disposeTrainer();
    this.progress('backend', 0, `Starting the ${backend} backend…`);
    this.gpuFault = null;
    const selection = await this.deps.initBackend(backend, (message) => this.onGpuError(message));
    const loaded = await loadDataset(dataset, config, (fraction, message) =>
      this.progress('dataset', 0.1 + 0.1 * fraction, message),
    );
    const images = loaded.train;
    this.testImages = loaded.test;
    this.progress('warmup', 0.2, `Compiling ${selection.backend} kernels with one training step…`);
    const warmupMs = await this.warmUp(config, images);
    this.progress('model', 0.9, 'Building the model…');
    this.images = images;
    this.trainer = this.createTrainer(config, images);
    this.analysis.useData({ train: images, test: loaded.test, config });
    this.progress('model', 1, 'Ready.');
    this.deps.post({
      type: 'ready',
      backend: selection.backend,
      reason: selection.reason,
      warmupMs,
      dataset: loaded.info,
    });
    this.postState();
  }

  /**
   * One step of a throwaway trainer with the same shapes, so the backend compiles every kernel before
   * `ready`. The real run starts afterwards from untouched seeded streams, so it matches a run without
   * warm-up step for step.
   */
  private async warmUp(config: CpcConfig, images: ImageSet): Promise<number> {
    const started = this.now();
    const scratch = this.createTrainer(config, images);
    try {
      await scratch.trainStep();
    } finally {
      scratch.dispose();
    }
    return this.now() - started;
  }

  private async reset(): Promise<void> {
    const trainer = this.requireTrainer();
    const images = this.images as ImageSet;
    await this.stopLoop();
    const config = trainer.currentConfig;
    this.disposeTrainer();
    this.trainer = this.createTrainer(config, images);
    this.postState();
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
      const trainer = this.requireTrainer();
      await this.exclusive.run(() => this.analysis.handle(command, trainer));
    } catch (err) {
      throw new CommandRejected(err instanceof Error ? err.message : String(err));
    }
  }

  private kick(): void {
    this.loop ??= this.runLoop();
  }

  /** Steps while running or while single steps are queued, then reports the final metrics and state. */
  private async runLoop(): Promise<void> {
    let failure: unknown = null;
    try {
      while (this.trainer && (this.running || this.queuedSteps > 0)) {
        if (!this.running) this.queuedSteps--;
        const trainer = this.trainer;
        await this.exclusive.run(async () => {
          await this.trainOneStep(trainer);
          await this.analysis.afterStep(trainer);
        });
        await yieldToEventLoop();
      }
    } catch (err) {
      this.running = false;
      this.queuedSteps = 0;
      failure = err;
    } finally {
      this.loop = null;
    }
    this.postMetrics(this.batcher.flush(this.now()));
    if (failure !== null) this.report(failure);
    this.postState();
  }

  private async trainOneStep(trainer: SessionTrainer): Promise<void> {
    const started = this.now();
    const { batchSize } = trainer.currentConfig;
    const metrics = await trainer.trainStep();
    const finished = this.now();
    this.postMetrics(this.batcher.push({ ...metrics, batchSize, stepMs: finished - started }, finished));
    if (!metrics.finite) {
      this.running = false;
      this.queuedSteps = 0;
      this.postMetrics(this.batcher.flush(finished));
      this.deps.post({
        type: 'error',
        message:
          `Step ${metrics.step}: the loss or gradient is not finite (loss ${metrics.loss}), so the update was ` +
          'skipped and training paused. Learning rate too high? Lower it, then start again.',
        recoverable: true,
      });
    }
  }

  private onGpuError(message: string): void {
    this.running = false;
    this.queuedSteps = 0;
    if (this.gpuFault !== null) return;
    this.gpuFault = message;
    this.report(new Error(gpuFaultMessage(message)));
  }

  private async stopLoop(): Promise<void> {
    this.running = false;
    this.queuedSteps = 0;
    await this.loop;
  }

  private requireTrainer(): SessionTrainer {
    if (!this.trainer) throw new CommandRejected('No model yet: send init first.');
    return this.trainer;
  }

  private requireTrainable(): void {
    this.requireTrainer();
    if (this.gpuFault !== null) throw new Error(gpuFaultMessage(this.gpuFault));
  }

  private disposeTrainer(): void {
    this.trainer?.dispose();
    this.trainer = null;
  }

  private progress(phase: ProgressPhase, fraction: number, message: string): void {
    this.deps.post({ type: 'progress', phase, fraction, message });
  }

  private postMetrics(batch: MetricsBatch | null): void {
    if (!batch) return;
    const { numTensors, numBytes } = tf.memory();
    this.deps.post({ type: 'metrics', ...batch, memory: { numTensors, numBytes } });
  }

  private postState(): void {
    this.deps.post({
      type: 'state',
      running: this.loop !== null && this.running,
      step: this.trainer?.step ?? 0,
    });
  }
}

function gpuFaultMessage(detail: string): string {
  return `WebGPU reported an error, so this run's numbers cannot be trusted; training is stopped until the next init (try another backend). ${detail}`;
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
