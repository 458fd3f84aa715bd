import type { ConfigSlice } from './configSlice';
import type { MetricsSlice } from './metricsSlice';
import type { RunSlice } from './runSlice';
import type { UiPrefsSlice } from './uiPrefsSlice';

export type PlaygroundState = ConfigSlice & RunSlice & MetricsSlice & UiPrefsSlice;

/** Middleware applied to the combined store (slices declare it so their set/get types line up). */
export type PlaygroundMutators = [['zustand/persist', unknown]];
