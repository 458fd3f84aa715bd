import type { CpcConfig } from '../../cpc/config';
import type { ImageSet } from '../../cpc/data/imageSet';
import { readCheckpointManifest } from '../../cpc/checkpoint/format';
import { closeStoredReaders } from '../../datasets/browser/storedImports';
import { checkpointProbedAt } from '../analysis/probeSchedule';
import type { SessionAnalysis } from '../analysis/sessionAnalysis';
import { loadDataset } from '../dataset';
import type { BackendChoice, DatasetSpec, ProgressPhase, WorkerEvent } from '../protocol';
import { scratchStepTimer, warmUpOnScratch } from '../warmup';
import type { AutoProbes } from './autoProbes';
import { checkResumable } from './checkResumable';
import type { SessionDeps } from './deps';
import type { DeviceRecovery } from './deviceRecovery';
import { requireTrainer, type Run, type SessionTrainer } from './run';
import { validConfig } from './validConfig';

/** What building and ending a run needs from the session around it. */
export interface LifecycleHost {
  readonly run: Run;
  readonly recovery: DeviceRecovery;
  readonly analysis: SessionAnalysis;
  readonly probes: AutoProbes;
  readonly now: () => number;
  initBackend: SessionDeps['initBackend'];
  createTrainer(config: CpcConfig, images: ImageSet): SessionTrainer;
  restoreTrainer(snapshot: Uint8Array, images: ImageSet): SessionTrainer;
  /** Stops the loop and skips the probe its end queued. */
  stopLoop(): Promise<void>;
  progress(phase: ProgressPhase, fraction: number, message: string): void;
  post(event: WorkerEvent): void;
  postState(): void;
}

/**
 * A run's birth and end: `init` (data, backend, warm-up, model), `resume` (init from a checked
 * checkpoint), `reset` (fresh weights, same config and data) and `dispose`.
 */
export class RunLifecycle {
  constructor(private readonly host: LifecycleHost) {}

  /** `restore`: a checked checkpoint (of this config) whose weights, optimizer state and step replace fresh ones. */
  async init(rawConfig: CpcConfig, backend: BackendChoice, dataset: DatasetSpec, restore?: Uint8Array) {
    const { host } = this;
    const config = validConfig(rawConfig);
    await host.stopLoop();
    this.disposeTrainer();
    // The old run's images go before the new ones load, so the two sets never sit in memory together
    // (an import loaded and warmed up beside the previous set: Fashion-MNIST's 9.4 MB, or a large import).
    this.releaseImages();
    host.progress('backend', 0, `Starting the ${backend} backend…`);
    host.recovery.fault = null;
    // The dataset comes first: `auto` times the candidate backends on this config's real steps.
    const loaded = await loadDataset(dataset, config, (fraction, message) =>
      host.progress('dataset', 0.1 * fraction, message),
    );
    host.run.testImages = loaded.test;
    const { backend: ready, warmupMs } = await this.startBackend(backend, config, loaded.train);
    host.progress('model', 0.9, 'Building the model…');
    host.run.images = loaded.train;
    host.run.trainer = restore
      ? host.restoreTrainer(restore, loaded.train)
      : host.createTrainer(config, loaded.train);
    await host.recovery.takeSnapshot();
    host.analysis.useData({ train: loaded.train, test: loaded.test, config });
    host.progress('model', 1, 'Ready.');
    host.post({ type: 'ready', ...ready, warmupMs, dataset: loaded.info });
    if (restore) this.postResumed(restore);
    host.postState();
    host.probes.queue('ready');
  }

  /**
   * Checks the checkpoint against a model of its own config before the current run is touched (so a bad
   * file leaves the run as it was), then re-inits with its config and restores its weights and step.
   */
  async resume(bytes: Uint8Array, backend: BackendChoice, dataset: DatasetSpec): Promise<void> {
    const manifest = checkResumable(bytes, (snapshot, images) => this.host.restoreTrainer(snapshot, images));
    await this.init(manifest.config, backend, dataset, bytes);
  }

  /** New weights for the same config and data. */
  async reset(): Promise<void> {
    const { host } = this;
    const trainer = requireTrainer(host.run);
    const images = host.run.images as ImageSet;
    await host.stopLoop();
    const config = trainer.currentConfig;
    this.disposeTrainer();
    host.run.trainer = host.createTrainer(config, images);
    await host.recovery.takeSnapshot();
    host.postState();
    host.probes.queue('ready');
  }

  async dispose(): Promise<void> {
    await this.host.stopLoop();
    this.disposeTrainer();
    this.releaseImages();
    this.host.postState();
  }

  private releaseImages(): void {
    this.host.run.images = null;
    this.host.run.testImages = null;
    this.host.analysis.clear();
    // An import kept on disk is read through a file handle: closed with its images, so that the page can
    // delete the file once it lets the import go.
    closeStoredReaders();
  }

  /** Starts the chosen backend (`auto` times the candidates on scratch trainers) and compiles its kernels. */
  private async startBackend(choice: BackendChoice, config: CpcConfig, images: ImageSet) {
    const { host } = this;
    if (choice === 'auto') host.progress('backend', 0.1, 'Timing the backends on this config…');
    const probeStarted = host.now();
    const warmed = new Set<string>();
    const selection = await host.initBackend(
      choice,
      (message) => host.recovery.onGpuError(message),
      scratchStepTimer(() => host.createTrainer(config, images), host.now, warmed),
    );
    host.run.backend = selection.backend;
    host.progress('warmup', 0.2, `Compiling the ${selection.backend} kernels…`);
    const warmupMs = warmed.has(selection.backend)
      ? host.now() - probeStarted
      : await warmUpOnScratch(() => host.createTrainer(config, images), host.now);
    const { backend, reason, gpus } = selection;
    return { backend: { backend, reason, ...(gpus && { gpus }) }, warmupMs };
  }

  private postResumed(checkpoint: Uint8Array): void {
    const { step, config, extra } = readCheckpointManifest(checkpoint);
    if (checkpointProbedAt(extra, step)) this.host.analysis.probedAlready(requireTrainer(this.host.run));
    this.host.post({ type: 'resumed', step, config, extra });
  }

  private disposeTrainer(): void {
    this.host.run.trainer?.dispose();
    this.host.run.trainer = null;
    this.host.recovery.snapshot = null;
  }
}
