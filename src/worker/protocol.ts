/**
 * The one typed boundary between the page and the training worker. Both sides import these unions and
 * switch on `type`, so a message that one side sends and the other does not handle fails to compile.
 * Everything here is plain structured-cloneable data.
 */
import type { CpcConfig } from '../cpc/config';
import type { ImageSet } from '../cpc/data/imageSet';
import type { BuiltinDatasetName } from '../datasets/builtin';
import type { KernelCount } from '../cpc/train/kernelProfile';
import type { LiveConfig, StepMetrics } from '../cpc/train/trainer';
import type { AnalysisCommand, AnalysisEvent } from './analysis/messages';
import type { GpuProbe } from './gpuInfo';

export type * from './analysis/messages';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;
export type GpuBackendName = Extract<BackendName, 'webgpu' | 'webgl'>;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** What the browser offers for each GPU backend; null when it is not there at all. */
export type GpuAvailability = Record<GpuBackendName, GpuProbe | null>;

export interface BackendSelection {
  backend: BackendName;
  /** Why this backend, in words for the page (what was skipped or failed on the way). */
  reason: string;
  /** Under `auto`: the GPUs the probe found, so the page knows whether a faster backend could exist. */
  gpus?: GpuAvailability;
}

/** Where the training images come from. */
export type DatasetSpec =
  | { kind: 'synthetic'; count: number }
  /** Colour textures (ten structure-only classes), generated from the run's seed like 'synthetic'. */
  | { kind: 'textures'; count: number }
  /** Fetched by the worker from `<base>/datasets/<name>.{json,png}`; split as its manifest says. */
  | { kind: 'builtin'; name: BuiltinDatasetName }
  /**
   * An imported set. Its pixels are shared (a SharedArrayBuffer, which the worker never writes) or a copy
   * sent in the transfer list. `heldOut`: the set is packed by the import's own split, its last `heldOut`
   * images held out for the probes (see importSplit). Without it (a webcam set, a run kept before imports
   * had a split) it is split 80/20 by the run's seed when labelled.
   */
  | { kind: 'images'; name: string; set: ImageSet; heldOut?: number };

/** What the worker loaded, for the page's summary. */
export interface DatasetInfo {
  title: string;
  /** Images trained on, and held out for the probes (0 when unlabelled or synthetic). */
  trainCount: number;
  testCount: number;
  classNames: string[];
  /** Images per class over train and test together, indexed like classNames. */
  classCounts: number[];
  /** From the start of loading to the images being ready at the training size. */
  loadMs: number;
}

/**
 * Page → worker. Each command is answered by an event:
 * - `init` (also re-init): `progress`…, then `ready` and `state`; or `error`.
 * - `start`: `state` (running), then `metrics` while it runs.
 * - `pause`, `step`, `reset`: `state` once the loop has stopped (after the step in flight), preceded by
 *   the `metrics` of every step run before it.
 * - `set-hyperparameters`: `state`, or `error` (recoverable) when the change is rejected.
 * - `dispose`: `state` with running false, after which the worker may be terminated.
 */
export type WorkerCommand =
  | { type: 'init'; config: CpcConfig; backend: BackendChoice; dataset: DatasetSpec }
  /** `untilStep`: pause by itself once the step count reaches it (a lesson's `steps=N`). */
  | { type: 'start'; untilStep?: number }
  | { type: 'pause' }
  /** Pauses if running, then runs exactly one step. */
  | { type: 'step' }
  /** New weights from the same seed and current config; the step count returns to 0. */
  | { type: 'reset' }
  /** Only fields with `FIELDS[key].live`; applied from the next step on. */
  | { type: 'set-hyperparameters'; change: LiveConfig }
  | { type: 'dispose' }
  /**
   * Continues a saved run: like `init`, but config, weights, optimizer state and step come from the
   * checkpoint (checkpoint.ts zip; send its buffer in the transfer list). The checkpoint is checked
   * before the current run is touched: a bad one is a recoverable `error` and the run goes on.
   * Answered by `progress`…, `ready`, `resumed`, `state`.
   */
  | { type: 'resume'; checkpoint: Uint8Array; backend: BackendChoice; dataset: DatasetSpec }
  /**
   * Reads the run back as a checkpoint zip; `extra` (metrics and probe history, names) is stored in it
   * as JSON. Answered by `checkpoint` (or `request-failed`).
   */
  | { type: 'save-checkpoint'; requestId: number; extra: Record<string, unknown> }
  /** The encoder as a tfjs LayersModel. Answered by `encoder-export` (or `request-failed`). */
  | { type: 'export-encoder'; requestId: number }
  /**
   * Embeddings (the selected image feature) of every training and held-out image. Answered by `embeddings`
   * (or `request-failed`).
   */
  | { type: 'request-embeddings'; requestId: number }
  /**
   * Test hook (the page sends it only with `?testHooks` in its URL): destroys the WebGPU device as a
   * real loss would, to exercise the recovery. A recoverable `error` when the backend has no device.
   */
  | { type: 'simulate-device-loss' }
  /**
   * Test hook (`?testHooks` only): the worker ends itself (`self.close()`) in the middle of its next step,
   * as the browser ends one that runs out of memory; nothing answers. A recoverable `error` where the
   * worker cannot close itself.
   */
  | { type: 'simulate-worker-death' }
  /**
   * For the benchmark (src/bench/runInWorker.ts): pauses if running, then runs one step under tf.profile.
   * Answered like `step` (its `metrics`, then `state`), plus `kernel-count` before the `state`.
   */
  | { type: 'count-kernels' }
  /**
   * Sent to a second, fresh worker while the run trains elsewhere (backendMove.ts): starts the first GPU
   * backend of `candidates` that is a hardware one (any, with `softwareGpuCounts`, a test-only switch),
   * loads the dataset, compiles the config's step and times `steps` warm steps on a throwaway trainer.
   * Answered by `progress`… and `backend-timed`; the worker then waits, without a model, for `take-over`.
   */
  | {
      type: 'time-backend';
      config: CpcConfig;
      dataset: DatasetSpec;
      candidates: GpuBackendName[];
      softwareGpuCounts: boolean;
      steps: number;
    }
  /**
   * Stops the run between two steps (no pause probe, no `state`) and hands it over as a checkpoint.
   * Answered by `handed-over` (or `request-failed`); the worker is terminated afterwards.
   */
  | { type: 'hand-over'; requestId: number }
  /**
   * After `time-backend`: continues the run from a `handed-over` checkpoint (transferred) as it was,
   * running or paused. `reason` is what the page says about the move. Answered by `moved` and `state`.
   * A lost GPU later rebuilds the run on `fallback` (the backend it came from), not on the GPU again.
   */
  | {
      type: 'take-over';
      checkpoint: Uint8Array;
      running: boolean;
      untilStep: number | null;
      queuedSteps: number;
      reason: string;
      fallback: BackendName;
    }
  /**
   * An import is decoding on the page (true) or no longer (false): until then the automatic probes wait,
   * and the one running stops at its next batch and runs again afterwards. Takes effect at once, outside
   * the command queue; nothing answers.
   */
  | { type: 'hold-probes'; held: boolean }
  /** What the model learned (analysis/messages.ts): answered between two training steps. */
  | AnalysisCommand;

/** One training step as the page sees it. */
export interface MetricsRow extends StepMetrics {
  /** Images in this step's batch (batch size is live, so it can change between rows). */
  batchSize: number;
  /** Wall time of the step including the read-back of its metrics. */
  stepMs: number;
}

export interface MemoryInfo {
  numTensors: number;
  numBytes: number;
  /** Bytes in GPU buffers or textures that tfjs holds (webgl and webgpu only). */
  numBytesInGPU?: number;
}

export type ProgressPhase = 'backend' | 'dataset' | 'warmup' | 'model';

/** Worker → page. */
export type WorkerEvent =
  /**
   * First thing a worker says: it holds the Web Lock `lock` until it ends, so the page learns of its
   * death by being granted the lock (liveness.ts). The client consumes it; subscribers never see it.
   */
  | { type: 'liveness-lock'; lock: string }
  | ({ type: 'ready'; warmupMs: number; dataset: DatasetInfo } & BackendSelection)
  /** fraction in [0, 1] over the whole init. */
  | { type: 'progress'; phase: ProgressPhase; fraction: number; message: string }
  /** Rows of several steps, batched so the page gets at most about ten messages a second. */
  | {
      type: 'metrics';
      rows: MetricsRow[];
      stepsPerSecond: number;
      imagesPerSecond: number;
      memory: MemoryInfo;
    }
  | { type: 'state'; running: boolean; step: number }
  /**
   * recoverable: the run can go on as it is (a rejected change, a non-finite loss after which the weights
   * were kept); false: the worker needs a new `init`.
   */
  | { type: 'error'; message: string; recoverable: boolean }
  /**
   * After a lost device or GPU error: the run was rebuilt from its last in-memory snapshot (taken at
   * `step`) on `backend`, and waits paused. `message` says what happened, for the page.
   */
  | ({ type: 'recovered'; step: number; message: string } & BackendSelection)
  /**
   * `time-backend`'s answer. backend null: no candidate could be timed (`note` says why); else its warm
   * ms/step (median of the timed steps) and the start-up and compilation time before them.
   */
  | {
      type: 'backend-timed';
      backend: GpuBackendName | null;
      msPerStep: number | null;
      warmupMs: number;
      note: string;
    }
  /** `hand-over`'s answer: the run as of `step` (checkpoint transferred), and whether it was running. */
  | {
      type: 'handed-over';
      requestId: number;
      step: number;
      checkpoint: Uint8Array;
      running: boolean;
      untilStep: number | null;
      /** Single steps asked for but not started yet. */
      queuedSteps: number;
    }
  /** `take-over`'s answer: the run goes on from `step` on `backend`; `reason` says why it moved. */
  | ({ type: 'moved'; step: number } & BackendSelection)
  /** After `ready` for a `resume`: the run continues from `step` with the checkpoint's config and extra. */
  | { type: 'resumed'; step: number; config: CpcConfig; extra: Record<string, unknown> }
  /** `bytes` is transferred. `saveMs`: read-back and zip time in the worker. */
  | { type: 'checkpoint'; requestId: number; step: number; bytes: Uint8Array; saveMs: number }
  /**
   * What `tf.io.browserDownloads` would write: `modelJson` is model.json's text (weightsManifest paths
   * point at `weightsFileName`), `weights` its one binary file (transferred). The model maps patches
   * [N, P, P, C] in [0, 1] to codes [N, D]; an image's embedding is the mean over its grid's patches.
   */
  | {
      type: 'encoder-export';
      requestId: number;
      step: number;
      modelJson: string;
      weightsFileName: string;
      weights: ArrayBuffer;
    }
  /**
   * vectors: [names.length, dim] row-major (transferred); training images first, then held-out ones.
   * labels: class name per row, or null when unlabelled; split: 'train' or 'test' per row.
   */
  | {
      type: 'embeddings';
      requestId: number;
      step: number;
      dim: number;
      vectors: Float32Array;
      names: string[];
      labels: string[] | null;
      split: ('train' | 'test')[];
    }
  /** The kernels of the step a `count-kernels` ran (`step`: its number). */
  | { type: 'kernel-count'; step: number; kernels: KernelCount }
  /** A `save-checkpoint`, `export-encoder` or `request-embeddings` that failed; the run is untouched. */
  | { type: 'request-failed'; requestId: number; message: string }
  | AnalysisEvent;

export type WorkerEventType = WorkerEvent['type'];
