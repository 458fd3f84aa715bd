import type { StateCreator } from 'zustand';
import type { PlaygroundMutators, PlaygroundState } from './types';

/** Steps between automatic probes while training until the user picks another rate (0 = off). */
export const DEFAULT_PROBE_EVERY = 500;

/**
 * How often the worker probes while training. In the store, not in the probe panel, because the panel
 * remounts with every run and the choice must outlive it (the worker keeps it across re-inits too).
 */
export interface ProbeScheduleSlice {
  probeEvery: number;
  setProbeEvery: (everySteps: number) => void;
}

export const createProbeScheduleSlice: StateCreator<
  PlaygroundState,
  PlaygroundMutators,
  [],
  ProbeScheduleSlice
> = (set) => ({
  probeEvery: DEFAULT_PROBE_EVERY,
  setProbeEvery: (everySteps) => {
    if (Number.isInteger(everySteps) && everySteps >= 0) set({ probeEvery: everySteps });
  },
});
