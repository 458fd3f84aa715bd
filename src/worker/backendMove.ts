/**
 * When a run moves to a faster backend while it trains, and what the page says about it. Pure: the
 * page-side mover (backendMover.ts) feeds it what it measured.
 *
 * The run starts on the backend that is ready first (wasm, under `auto`); a second worker compiles the
 * step on a GPU and times warm steps there. A real GPU's first step compiles hundreds of pipelines
 * (seconds), so timing it inside the start-up probe's budget made it lose every time; timed warm, beside
 * a run that already trains, it can win without anyone waiting for it.
 */
import type { BackendChoice, BackendName, GpuAvailability, GpuBackendName } from './protocol';

/** The candidate must be this many times faster: the hand-over costs a checkpoint and a restore. */
export const MOVE_SPEEDUP = 1.25;
/** The current backend's ms/step is the median of its last steps, once there are enough of them. */
export const RECENT_STEPS = 10;
export const MIN_RECENT_STEPS = 3;
/** Warm steps the candidate times (their median counts). */
export const CANDIDATE_STEPS = 3;
/** GPU backends a candidate worker tries, in this order; the first that starts is timed. */
const GPU_ORDER: readonly GpuBackendName[] = ['webgpu', 'webgl'];

/** Whether a move could happen at all: not when the user chose the backend, nor from a GPU already. */
export function mayMove(choice: BackendChoice, current: BackendName): boolean {
  return choice === 'auto' && current !== 'webgpu' && current !== 'webgl';
}

/**
 * The GPU backends worth a candidate worker when mayMove: the hardware ones (any GPU, with the
 * test-only `softwareGpuCounts`).
 */
export function moveCandidates(
  choice: BackendChoice,
  current: BackendName,
  gpus: GpuAvailability,
  softwareGpuCounts: boolean,
): GpuBackendName[] {
  if (!mayMove(choice, current)) return [];
  return GPU_ORDER.filter((name) => {
    const gpu = gpus[name];
    return gpu !== null && (softwareGpuCounts || !gpu.software);
  });
}

/** Median ms/step of the last RECENT_STEPS steps; null while there are fewer than MIN_RECENT_STEPS. */
export function recentMsPerStep(rows: readonly { stepMs: number }[]): number | null {
  const recent = rows.slice(-RECENT_STEPS).map((row) => row.stepMs);
  if (recent.length < MIN_RECENT_STEPS) return null;
  const sorted = recent.sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface TimedBackend {
  backend: BackendName;
  /** Warm ms/step; null when not known yet (the current run has not trained enough steps). */
  msPerStep: number | null;
}

export type MoveDecision =
  /** The current run's speed is not known yet: decide again after more steps. */
  { kind: 'wait' } | { kind: 'stay'; message: string } | { kind: 'move'; message: string };

/**
 * Moves when the candidate is at least MOVE_SPEEDUP times faster. `forced` (the test-only switch) moves
 * whatever the numbers say, and says so.
 */
export function decideMove(current: TimedBackend, candidate: TimedBackend, forced: boolean): MoveDecision {
  const to = displayName(candidate.backend);
  const from = displayName(current.backend);
  const against = current.msPerStep === null ? '' : ` against ${ms(current.msPerStep)} on ${from}`;
  const timing = `${candidate.msPerStep === null ? '?' : ms(candidate.msPerStep)} ms/step${against}`;
  if (forced) return { kind: 'move', message: `moved to ${to}: ${timing} (test switch: counted as faster)` };
  if (candidate.msPerStep === null)
    return { kind: 'stay', message: `stayed on ${from}: ${to} was not timed` };
  if (current.msPerStep === null) return { kind: 'wait' };
  return candidate.msPerStep * MOVE_SPEEDUP <= current.msPerStep
    ? { kind: 'move', message: `moved to ${to}: ${timing}` }
    : { kind: 'stay', message: `stayed on ${from}: ${to} took ${timing}` };
}

const DISPLAY_NAMES: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

export function displayName(backend: BackendName): string {
  return DISPLAY_NAMES[backend];
}

function ms(value: number): string {
  return Math.round(value).toLocaleString('en');
}
