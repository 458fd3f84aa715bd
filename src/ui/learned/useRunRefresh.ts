import type { DatasetInfo } from '../../worker/protocol';
import { usePlayground } from '../store/usePlayground';
import { useThrottledValue } from '../training/useThrottledValue';

/** How often a panel that asks for itself refreshes while training runs. */
const REFRESH_WHILE_RUNNING_MS = 3000;

export interface RunRefresh {
  /** The run's dataset info, a new object on each `ready`: a key for "a new run began". */
  run: DatasetInfo | null;
  /**
   * The step to show, or null when nothing should be asked now (not ready, or running in a panel that
   * the snapshots refresh). Panels put it in their request effect's dependencies.
   */
  step: number | null;
}

/**
 * When a panel should ask the worker again: on each new run, after each step while paused (Step, Reset,
 * Pause) and, with `whileRunning`, every few seconds during training.
 */
export function useRunRefresh(whileRunning: boolean): RunRefresh {
  const ready = usePlayground((s) => s.run.phase === 'ready');
  const run = usePlayground((s) => s.run.dataset);
  const running = usePlayground((s) => s.run.running);
  const step = usePlayground((s) => s.run.step);
  const throttled = useThrottledValue(step, REFRESH_WHILE_RUNNING_MS);
  if (!ready || !run) return { run: null, step: null };
  if (!running) return { run, step };
  return { run, step: whileRunning ? throttled : null };
}
