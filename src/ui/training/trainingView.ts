import type { ClientEvent } from '../../worker/client';
import type { BackendName, DatasetInfo, MemoryInfo, MetricsRow } from '../../worker/protocol';

/** What the page shows about the run, folded from the worker's events. */
export interface TrainingView {
  phase: 'loading' | 'ready' | 'crashed';
  backend: { name: BackendName; reason: string } | null;
  /** Latest init progress message (while loading) and its fraction in [0, 1]. */
  progress: string;
  progressFraction: number;
  running: boolean;
  step: number;
  latest: MetricsRow | null;
  stepsPerSecond: number;
  imagesPerSecond: number;
  memory: MemoryInfo | null;
  /** Sum of step times since the run began: training time, not counting pauses. */
  trainingMs: number;
  warmupMs: number | null;
  /** What the worker trains on (from `ready`). */
  dataset: DatasetInfo | null;
  /** Latest error from the worker; cleared when training moves on. */
  error: string | null;
  crash: string | null;
  /** "moved to WebGPU: 12 ms/step against 65 on WASM" after the run moved to a faster backend. */
  moved: string | null;
  /** Why the run stayed where it was after a faster backend was looked for (backendMover.ts). */
  stayed: string | null;
}

export const INITIAL_VIEW: TrainingView = {
  phase: 'loading',
  backend: null,
  progress: 'Starting the training worker…',
  progressFraction: 0,
  running: false,
  step: 0,
  latest: null,
  stepsPerSecond: 0,
  imagesPerSecond: 0,
  memory: null,
  trainingMs: 0,
  warmupMs: null,
  dataset: null,
  error: null,
  crash: null,
  moved: null,
  stayed: null,
};

export function reduceView(view: TrainingView, event: ClientEvent): TrainingView {
  switch (event.type) {
    case 'progress':
      return { ...view, progress: event.message, progressFraction: event.fraction };
    case 'ready':
      return {
        ...view,
        phase: 'ready',
        backend: { name: event.backend, reason: event.reason },
        warmupMs: event.warmupMs,
        dataset: event.dataset,
      };
    case 'metrics':
      return reduceMetrics(view, event);
    case 'state':
      return {
        ...view,
        running: event.running,
        step: event.step,
        latest: event.step === 0 ? null : view.latest,
        trainingMs: event.step === 0 ? 0 : view.trainingMs,
        error: event.running ? null : view.error,
      };
    case 'error':
      return { ...view, error: event.message };
    case 'recovered':
      return {
        ...view,
        backend: { name: event.backend, reason: event.reason },
        running: false,
        step: event.step,
        error: event.message,
        // A run that had moved to a GPU is back where it came from.
        moved: null,
      };
    case 'moved':
      return {
        ...view,
        backend: { name: event.backend, reason: event.reason },
        step: event.step,
        moved: event.reason,
      };
    case 'backend-checked':
      return { ...view, stayed: event.message };
    case 'resumed':
      return { ...view, running: false, step: event.step, latest: null, trainingMs: 0, error: null };
    case 'crash':
      return { ...view, phase: 'crashed', running: false, crash: event.message };
    default:
      // Analysis events belong to the panels that asked for them.
      return view;
  }
}

function reduceMetrics(view: TrainingView, event: Extract<ClientEvent, { type: 'metrics' }>): TrainingView {
  const latest = event.rows[event.rows.length - 1] ?? view.latest;
  return {
    ...view,
    latest,
    step: latest?.step ?? view.step,
    stepsPerSecond: event.stepsPerSecond,
    imagesPerSecond: event.imagesPerSecond,
    memory: event.memory,
    trainingMs: view.trainingMs + event.rows.reduce((sum, row) => sum + row.stepMs, 0),
  };
}

/** Back to loading while the worker builds a new model (a re-init keeps the backend line). */
export function reinitView(view: TrainingView): TrainingView {
  return { ...INITIAL_VIEW, backend: view.backend, dataset: view.dataset, progress: 'Rebuilding the model…' };
}
