import type { BackendName } from '../../worker/protocol';

const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/**
 * The badge's text: the backend's name as soon as the worker has picked it, and the measured time per
 * step once training has run (the worker's startup timings stay in the popover's full reason).
 */
export function backendBadgeText(backend: BackendName | null, stepsPerSecond: number): string {
  if (backend === null) return 'Backend …';
  const label = BACKEND_LABELS[backend];
  if (!(stepsPerSecond > 0)) return label;
  return `${label} · ${Math.round(1000 / stepsPerSecond)} ms/step`;
}
