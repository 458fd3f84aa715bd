import { LIVE_KEYS, type CpcConfig, type LiveConfig } from '../../cpc/config';
import type { BackendName, BackendSelection, WorkerEvent } from '../protocol';
import type { Run, SessionTrainer } from './run';
import type { TrainingLoop } from './trainingLoop';

/** How long a recovery waits for the step in flight on a lost device before it gives up on the worker. */
const LOST_STEP_WAIT_MS = 10_000;

/** What recovery needs from the session around it. */
export interface RecoveryHost {
  readonly run: Run;
  readonly loop: TrainingLoop;
  /** The lost backend on a fresh device, else the next one. */
  recoverBackend: (lost: BackendName, onGpuError: (message: string) => void) => Promise<BackendSelection>;
  /** A named backend (the one a moved run came from). */
  initBackend: (choice: BackendName, onGpuError: (message: string) => void) => Promise<BackendSelection>;
  restoreTrainer: (snapshot: Uint8Array) => SessionTrainer;
  /** Queues work behind the command in progress. */
  enqueue: (task: () => Promise<void>) => void;
  post(event: WorkerEvent): void;
  postState(): void;
}

/**
 * Keeps the run safe from its GPU: an in-memory snapshot (weights, optimizer state, step) read back while
 * the device was healthy, and, after a GPU error or a lost device, the rebuild of the run from it on a
 * fresh device or the next backend. Training is refused from the fault until the rebuild is done: the
 * device has dropped work, so its results cannot be trusted.
 */
export class DeviceRecovery {
  /** The first GPU error (or device loss) since the backend started; null when healthy. */
  fault: string | null = null;
  /** The trainer's weights, optimizer state and step, read back while the device was healthy. */
  snapshot: { bytes: Uint8Array; step: number } | null = null;
  /** Set by `take-over`: a lost GPU rebuilds the run here, on the backend it moved from. */
  fallback: BackendName | null = null;

  constructor(private readonly host: RecoveryHost) {}

  /** Reads the trainer back, unless the snapshot already holds its step (or `everySteps` says not yet). */
  async takeSnapshot(everySteps?: number): Promise<void> {
    const trainer = this.host.run.trainer;
    if (!trainer || this.snapshot?.step === trainer.step) return;
    if (everySteps !== undefined && trainer.step % everySteps !== 0) return;
    this.snapshot = { bytes: await trainer.saveCheckpoint(), step: trainer.step };
  }

  /** Called by the backend at any time; the recovery queues behind the command in progress. */
  onGpuError(message: string): void {
    this.host.loop.halt();
    if (this.fault !== null) return;
    this.fault = message;
    this.host.post({
      type: 'error',
      message: `${message} Rebuilding the run from its last snapshot…`,
      recoverable: true,
    });
    this.host.enqueue(() => this.recover(message));
  }

  /**
   * Rebuilds the run from the last snapshot on a fresh device or the next backend, then waits paused:
   * the user sees what happened and presses Start.
   */
  private async recover(fault: string): Promise<void> {
    const { run } = this.host;
    const lost = run.backend;
    const snapshot = this.snapshot;
    if (lost === null || snapshot === null || run.images === null) {
      throw new Error(`${fault} There was no model yet; choose a backend to start again.`);
    }
    await this.waitForStepInFlight(fault);
    // Live changes made since the snapshot still hold (the config is plain data, readable after a loss).
    const liveSettings = run.trainer && pickLive(run.trainer.currentConfig);
    this.disposeAfterLoss();
    const onGpuError = (message: string) => this.onGpuError(message);
    // A run that moved here goes back where it came from, which is known to work and to be fast enough.
    const selection = this.fallback
      ? await this.host.initBackend(this.fallback, onGpuError)
      : await this.host.recoverBackend(lost, onGpuError);
    this.fallback = null;
    run.backend = selection.backend;
    this.fault = null;
    run.trainer = this.host.restoreTrainer(snapshot.bytes);
    if (liveSettings) run.trainer.setHyperparameters(liveSettings);
    this.host.post({
      type: 'recovered',
      backend: selection.backend,
      reason: selection.reason,
      step: snapshot.step,
      message:
        `${lost} failed: ${fault} The run was rebuilt on ${selection.backend} from its snapshot at step ` +
        `${snapshot.step}; steps after it were lost. Training is paused: press Start to go on.`,
    });
    this.host.postState();
  }

  /** A step on a lost device can hang forever; past the wait the worker itself must be restarted. */
  private async waitForStepInFlight(fault: string): Promise<void> {
    const loop = this.host.loop.inFlight;
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
      this.host.run.trainer?.dispose();
    } catch {
      // The buffers went with the device.
    }
    this.host.run.trainer = null;
  }
}

function pickLive(config: CpcConfig): LiveConfig {
  return Object.fromEntries(LIVE_KEYS.map((key) => [key, config[key]])) as LiveConfig;
}
