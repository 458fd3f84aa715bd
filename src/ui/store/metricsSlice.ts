import type { StateCreator } from 'zustand';
import type { ProbePoint } from '../learned/probeHistory';
import type { ProbeResult } from '../learned/ProbeTable';
import { EMPTY_HISTORY, type MetricsHistory } from './metricsHistory';
import type { PlaygroundMutators, PlaygroundState } from './types';

/** The run's metrics for charts, downsampled (see metricsHistory.ts); filled by the run slice's events. */
export interface MetricsSlice {
  history: MetricsHistory;
  /** Every probe run of this run, by step (kept with the run's checkpoints). */
  probeHistory: ProbePoint[];
  /** The last probe in full (sizes, timing) for the probe table, whoever asked; null until one arrives. */
  lastProbe: ProbeResult | null;
}

export const createMetricsSlice: StateCreator<
  PlaygroundState,
  PlaygroundMutators,
  [],
  MetricsSlice
> = () => ({
  history: EMPTY_HISTORY,
  probeHistory: [],
  lastProbe: null,
});
