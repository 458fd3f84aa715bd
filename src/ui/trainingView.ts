import type { ClientEvent } from '../worker/client';
import type { BackendName, MetricsRow } from '../worker/protocol';

/** What the page shows, folded from the worker's events. */
export interface TrainingView {
  phase: 'loading' | 'ready' | 'crashed';
  backend: { name: BackendName; reason: string } | null;
  /** Latest init progress message (while loading). */
  progress: string;
  running: boolean;
  step: number;
  latest: MetricsRow | null;
  stepsPerSecond: number;
  /** Latest error from the worker; cleared when training moves on. */
  error: string | null;
  crash: string | null;
}

export const INITIAL_VIEW: TrainingView = {
  phase: 'loading',
  backend: null,
  progress: 'Starting the training worker…',
  running: false,
  step: 0,
  latest: null,
  stepsPerSecond: 0,
  error: null,
  crash: null,
};

export function reduceView(view: TrainingView, event: ClientEvent): TrainingView {
  switch (event.type) {
    case 'progress':
      return { ...view, progress: event.message };
    case 'ready':
      return { ...view, phase: 'ready', backend: { name: event.backend, reason: event.reason } };
    case 'metrics': {
      const latest = event.rows[event.rows.length - 1] ?? view.latest;
      return { ...view, latest, step: latest?.step ?? view.step, stepsPerSecond: event.stepsPerSecond };
    }
    case 'state':
      return {
        ...view,
        running: event.running,
        step: event.step,
        latest: event.step === 0 ? null : view.latest,
        error: event.running ? null : view.error,
      };
    case 'error':
      return { ...view, error: event.message };
    case 'crash':
      return { ...view, phase: 'crashed', running: false, crash: event.message };
  }
}
