import type { CpcConfig } from '../cpc/config';
import type { ImageSet } from '../cpc/data/imageSet';
import { CpcTrainer } from '../cpc/train/trainer';
import { Exclusive } from './analysis/exclusive';
import { SessionAnalysis } from './analysis/sessionAnalysis';
import type { MetricsBatch } from './metricsBatcher';
import type { ProgressPhase, WorkerCommand } from './protocol';
import { AutoProbes } from './session/autoProbes';
import type { SessionDeps } from './session/deps';
import { DeviceRecovery } from './session/deviceRecovery';
import { CommandRejected, requireTrainable, type Run, type SessionTrainer } from './session/run';
import { RunLifecycle } from './session/runLifecycle';
import { RunMover } from './session/runMover';
import { RunRequests } from './session/runRequests';
import { TrainingLoop, type LoopHost } from './session/trainingLoop';
import { memoryInfo } from './session/memoryInfo';

export type { SessionTrainer } from './session/run';
export type { SessionDeps } from './session/deps';

/** Steps between in-memory snapshots while training (one is also taken whenever the loop stops). */
const SNAPSHOT_EVERY_STEPS = 50;

/**
 * Everything the worker does, minus the postMessage wiring, so that it runs in Node tests too: a command
 * dispatcher around its parts, the run's init, resume, reset and dispose (session/runLifecycle.ts), the
 * training loop (session/trainingLoop.ts), the snapshot and GPU recovery (session/deviceRecovery.ts), the
 * hand-over to another worker (session/runMover.ts), the automatic probes (session/autoProbes.ts) and
 * the requests on the run as it stands (session/runRequests.ts).
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
  private readonly lifecycle: RunLifecycle;
  private readonly requests: RunRequests;
  private readonly probes: AutoProbes;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? (() => performance.now());
    this.createTrainer = deps.createTrainer ?? ((config, images) => new CpcTrainer(config, images));
    this.restoreTrainer =
      deps.restoreTrainer ?? ((snapshot, images) => CpcTrainer.fromCheckpoint(snapshot, images).trainer);
    this.analysis = new SessionAnalysis((event, transfer) => deps.post(event, transfer), this.now);
    this.probes = this.autoProbes();
    this.loop = this.trainingLoop();
    this.recovery = this.deviceRecovery();
    this.mover = this.runMover();
    this.lifecycle = this.runLifecycle();
    this.requests = this.runRequests();
  }

  // The parts, each wired to the others through the session: the arrows read the parts when called.

  private autoProbes(): AutoProbes {
    return new AutoProbes({
      run: this.run,
      exclusive: this.exclusive,
      analysis: this.analysis,
      faulted: () => this.recovery.fault !== null,
      readyDelayMs: this.deps.readyProbeDelayMs ?? 0,
      report: (err) => this.report(err),
    });
  }

  private trainingLoop(): TrainingLoop {
    const host: LoopHost = {
      run: this.run,
      exclusive: this.exclusive,
      now: this.now,
      faulted: () => this.recovery.fault !== null,
      afterStep: (trainer) => this.analysis.afterStep(trainer),
      takeSnapshot: (everySteps) => this.recovery.takeSnapshot(everySteps),
      post: (event) => this.deps.post(event),
      postMetrics: (batch) => this.postMetrics(batch),
      report: (err) => this.report(err),
      postState: () => this.postState(),
      onPaused: () => {
        if (!this.mover.handingOver) this.probes.queue('pause');
      },
    };
    return new TrainingLoop(host, this.deps.snapshotEverySteps ?? SNAPSHOT_EVERY_STEPS);
  }

  private deviceRecovery(): DeviceRecovery {
    return new DeviceRecovery({
      run: this.run,
      loop: this.loop,
      recoverBackend: this.deps.recoverBackend,
      initBackend: (choice, onGpuError) => this.deps.initBackend(choice, onGpuError),
      restoreTrainer: (bytes) => this.restoreTrainer(bytes, this.run.images as ImageSet),
      enqueue: (task) => void this.enqueue(task),
      post: (event) => this.deps.post(event),
      postState: () => this.postState(),
    });
  }

  private runMover(): RunMover {
    return new RunMover({
      run: this.run,
      loop: this.loop,
      recovery: this.recovery,
      exclusive: this.exclusive,
      analysis: this.analysis,
      now: this.now,
      startCandidate: this.deps.startCandidate,
      createTrainer: this.createTrainer,
      restoreTrainer: (bytes) => this.restoreTrainer(bytes, this.run.images as ImageSet),
      stopEverything: async () => {
        this.probes.userStepped(); // stops an automatic probe at its next batch
        await this.stopLoop();
      },
      progress: (phase, fraction, message) => this.progress(phase, fraction, message),
      post: (event, transfer) => this.deps.post(event, transfer),
      postState: () => this.postState(),
    });
  }

  private runLifecycle(): RunLifecycle {
    return new RunLifecycle({
      run: this.run,
      recovery: this.recovery,
      analysis: this.analysis,
      probes: this.probes,
      now: this.now,
      initBackend: (choice, onGpuError, timeStep) => this.deps.initBackend(choice, onGpuError, timeStep),
      createTrainer: this.createTrainer,
      restoreTrainer: this.restoreTrainer,
      stopLoop: () => this.stopLoop(),
      progress: (phase, fraction, message) => this.progress(phase, fraction, message),
      post: (event) => this.deps.post(event),
      postState: () => this.postState(),
    });
  }

  private runRequests(): RunRequests {
    return new RunRequests({
      run: this.run,
      exclusive: this.exclusive,
      analysis: this.analysis,
      probes: this.probes,
      loop: this.loop,
      now: this.now,
      fault: () => this.recovery.fault,
      stopLoop: () => this.stopLoop(),
      post: (event, transfer) => this.deps.post(event, transfer),
      postState: () => this.postState(),
    });
  }

  /** Held-out images for the probes (tests read them). */
  get testImages(): ImageSet | null {
    return this.run.testImages;
  }

  /** Queues a command; the promise settles when it has executed (tests await it, the worker does not). */
  handle(command: WorkerCommand): Promise<void> {
    // Not queued: it must reach a probe running now, and behind a long init it would come too late.
    if (command.type === 'hold-probes') return Promise.resolve(this.probes.hold(command.held));
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
        return this.lifecycle.init(command.config, command.backend, command.dataset);
      case 'start':
        requireTrainable(this.run, this.recovery.fault);
        this.probes.userStepped();
        this.loop.start(command.untilStep ?? null);
        return this.postState();
      case 'pause':
        if (this.loop.pause()) this.postState();
        return;
      case 'step':
        requireTrainable(this.run, this.recovery.fault);
        this.probes.userStepped();
        return this.loop.step();
      case 'reset':
        return this.lifecycle.reset();
      case 'resume':
        return this.lifecycle.resume(command.checkpoint, command.backend, command.dataset);
      case 'save-checkpoint':
      case 'export-encoder':
      case 'request-embeddings':
        return this.requests.keep(command);
      case 'set-hyperparameters':
        return this.requests.setHyperparameters(command.change);
      case 'dispose':
        return this.lifecycle.dispose();
      case 'count-kernels':
        return this.requests.countKernels();
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
        return this.requests.analyse(command);
      default:
        throw new CommandRejected(`Unknown command ${JSON.stringify((command as { type?: unknown }).type)}.`);
    }
  }

  private async stopLoop(): Promise<void> {
    await this.loop.stop();
    // After the loop: the probe its end queued (on pause) is for a run about to go, so it is skipped too.
    await this.probes.skipQueued();
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
