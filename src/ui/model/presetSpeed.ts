import type { PresetId } from '../../cpc/presets';
import type { BackendName } from '../../worker/protocol';

/** Below this many steps per second a run is slow enough that a class should be told what to expect. */
export const SLOW_STEPS_PER_SECOND = 3;

/**
 * Steps per second of the heavy presets on WASM, measured on a teacher's laptop for issue #11 (Keras
 * CPC 1.5, CPC v2 0.7, the latter's first step 3.7 s after Start). Only an estimate for another machine,
 * and said so; the light presets run well above SLOW_STEPS_PER_SECOND there.
 */
const WASM_ESTIMATE: Partial<Record<PresetId, number>> = { 'keras-cpc': 1.5, 'cpc-v2': 0.7 };

export interface SpeedInputs {
  /** The preset the picker shows; null for a custom config. */
  presetId: PresetId | null;
  /** The backend the run uses, once known (`ready`). */
  backend: BackendName | null;
  /** Measured by this run: steps per second of the last metrics, 0 before any step. */
  measuredStepsPerSecond: number;
}

export interface SpeedNote {
  kind: 'measured' | 'estimate';
  text: string;
}

/**
 * One line on what to expect when the run is (or will be) slow; null when it is fast enough to need
 * none. A measurement of this run wins; before the first step, the heavy presets get a labelled estimate.
 */
export function presetSpeedNote({
  presetId,
  backend,
  measuredStepsPerSecond,
}: SpeedInputs): SpeedNote | null {
  const onCpu = backend === 'wasm' || backend === 'cpu';
  const advice = onCpu ? 'a GPU helps' : 'Quick demo is faster';
  if (measuredStepsPerSecond > 0) {
    if (measuredStepsPerSecond >= SLOW_STEPS_PER_SECOND) return null;
    return { kind: 'measured', text: `About ${rate(measuredStepsPerSecond)} here; ${advice}.` };
  }
  const estimate = presetId ? WASM_ESTIMATE[presetId] : undefined;
  // Only WASM was measured; the cpu backend is slower still, the GPU backends are unknown until they run.
  if (estimate === undefined || !onCpu) return null;
  const slower = backend === 'cpu' ? ' or slower' : '';
  return {
    kind: 'estimate',
    text: `Expect about ${rate(estimate)}${slower} on ${backend === 'cpu' ? 'the CPU' : 'WASM'} (estimate); ${advice}.`,
  };
}

/** "0.7 steps/s", "1 step/s", "2.5 steps/s": one decimal below 10, whole numbers above. */
function rate(stepsPerSecond: number): string {
  const shown = stepsPerSecond < 10 ? Number(stepsPerSecond.toFixed(1)) : Math.round(stepsPerSecond);
  return `${shown} ${shown === 1 ? 'step' : 'steps'}/s`;
}
