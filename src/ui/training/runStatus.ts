import type { TrainingView } from './trainingView';

export type RunStatusKey = 'loading' | 'running' | 'paused' | 'crashed';

export function runStatusKey(view: TrainingView): RunStatusKey {
  if (view.phase !== 'ready') return view.phase;
  return view.running ? 'running' : 'paused';
}

export function runStatusText(view: TrainingView): string {
  switch (runStatusKey(view)) {
    case 'loading':
      return view.progress;
    case 'running':
      return 'Training…';
    case 'paused':
      return 'Paused.';
    case 'crashed':
      return 'Stopped: the worker crashed.';
  }
}

/** Training time as m:ss (or h:mm:ss). */
export function formatDuration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
