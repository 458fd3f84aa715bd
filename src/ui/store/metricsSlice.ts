import type { StateCreator } from 'zustand';
import type { ProbePoint } from '../learned/probeHistory';
import { EMPTY_HISTORY, type MetricsHistory } from './metricsHistory';
import type { PlaygroundMutators, PlaygroundState } from './types';

/** The run's metrics for charts, downsampled (see metricsHistory.ts); filled by the run slice's events. */
export interface MetricsSlice {
  history: MetricsHistory;
  /** Every probe run of this run, by step (kept with the run's checkpoints). */
  probeHistory: ProbePoint[];
}

export const createMetricsSlice: StateCreator<
  PlaygroundState,
  PlaygroundMutators,
  [],
  MetricsSlice
> = () => ({
  history: EMPTY_HISTORY,
  probeHistory: [],
});
