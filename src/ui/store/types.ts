import type { ImportSlice } from '../data/importSlice';
import type { DropSlice } from '../drop/dropSlice';
import type { AutosaveSlice } from './autosaveSlice';
import type { ConfigSlice } from './configSlice';
import type { GuidedLessonSlice } from './guidedLessonSlice';
import type { ImageFeatureSlice } from './imageFeatureSlice';
import type { KeepSlice } from './keepSlice';
import type { LessonSlice } from './lessonSlice';
import type { MetricsSlice } from './metricsSlice';
import type { ProbeScheduleSlice } from './probeScheduleSlice';
import type { ResumeSlice } from './resumeSlice';
import type { RunSlice } from './runSlice';
import type { UiPrefsSlice } from './uiPrefsSlice';

export type PlaygroundState = ConfigSlice &
  RunSlice &
  MetricsSlice &
  UiPrefsSlice &
  LessonSlice &
  KeepSlice &
  AutosaveSlice &
  ResumeSlice &
  ImageFeatureSlice &
  DropSlice &
  ImportSlice &
  GuidedLessonSlice &
  ProbeScheduleSlice;

/** Middleware applied to the combined store (slices declare it so their set/get types line up). */
export type PlaygroundMutators = [['zustand/persist', unknown]];
