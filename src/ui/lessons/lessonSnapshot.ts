import type { LessonSnapshot } from '../../lessons/checks';
import type { PlaygroundState } from '../store/types';

/** The page's state as the lesson checks read it. */
export function lessonSnapshot(state: PlaygroundState): LessonSnapshot {
  const { probes, lastProbe, patch } = state.lessonEvents;
  return {
    step: state.run.step,
    running: state.run.running,
    config: state.appliedConfig,
    probes,
    lastProbe,
    patch,
  };
}
