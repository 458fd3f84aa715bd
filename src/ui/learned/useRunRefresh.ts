import { useEffect, useState } from 'react';
import type { DatasetInfo } from '../../worker/protocol';
import { usePlayground, usePlaygroundStore } from '../store/usePlayground';

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
  // Not the live step: it changes ten times a second while training, and every panel that followed it
  // would re-render (and redraw its chart) that often.
  const pausedStep = usePlayground((s) => (s.run.running ? null : s.run.step));
  const sampledStep = useSampledStep(whileRunning && running, REFRESH_WHILE_RUNNING_MS);
  if (!ready || !run) return { run: null, step: null };
  if (!running) return { run, step: pausedStep };
  return { run, step: whileRunning ? sampledStep : null };
}

/** The store's step, read when `active` turns on and then every `intervalMs`. */
function useSampledStep(active: boolean, intervalMs: number): number | null {
  const store = usePlaygroundStore();
  const [step, setStep] = useState<number | null>(null);
  useEffect(() => {
    if (!active) return;
    const sample = () => setStep(store.getState().run.step);
    sample();
    const timer = setInterval(sample, intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, store]);
  return step;
}
