import type { CpcConfig } from '../../cpc/config';
import type { ImageSet } from '../../cpc/data/imageSet';
import type { StepTimer } from '../backendProbe';
import type { BackendChoice, BackendName, BackendSelection, WorkerEvent } from '../protocol';
import type { SessionTrainer } from './run';
import type { MoveHost } from './runMover';

/** What the session gets from the worker (or from a test): the backends, the trainer, the clock. */
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
  startCandidate?: MoveHost['startCandidate'];
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
