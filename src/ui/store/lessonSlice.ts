import type { StateCreator } from 'zustand';
import { NO_LESSON, type LessonOptions } from '../share/lessonOptions';
import type { PlaygroundMutators, PlaygroundState } from './types';
import type { PanelId } from './uiPrefsSlice';

export interface LessonInit {
  /** From the page's URL; none when absent. */
  lesson?: LessonOptions;
}

/**
 * A lesson's options from the link. They hold for this visit only: the persisted preferences
 * (uiPrefsSlice) never see them, so a student's own layout survives a teacher's link.
 */
export interface LessonSlice {
  lesson: LessonOptions;
  /** True until autostart has fired once (it must not fire again after a reset or a rebuild). */
  autostartPending: boolean;
  /** Starts training if the lesson asks for it and has not done so yet. */
  autostartIfPending: () => void;
  /** The panel toggle: hides into the preferences; shows by lifting the lesson's hiding and the preference. */
  togglePanelShown: (id: PanelId) => void;
}

export const createLessonSlice =
  ({ lesson = NO_LESSON }: LessonInit): StateCreator<PlaygroundState, PlaygroundMutators, [], LessonSlice> =>
  (set, get) => ({
    lesson,
    autostartPending: lesson.autostart,
    autostartIfPending: () => {
      const { autostartPending, run } = get();
      if (!autostartPending || run.phase !== 'ready' || run.running) return;
      set({ autostartPending: false });
      get().start();
    },
    togglePanelShown: (id) => {
      const state = get();
      if (!isPanelHidden(state, id) || state.hiddenPanels.includes(id)) state.togglePanel(id);
      if (state.lesson.hiddenPanels.includes(id)) {
        const hiddenPanels = state.lesson.hiddenPanels.filter((hidden) => hidden !== id);
        set({ lesson: { ...state.lesson, hiddenPanels } });
      }
    },
  });

/** Hidden by the student's preferences or by the lesson's link. */
export function isPanelHidden(state: PlaygroundState, id: PanelId): boolean {
  return state.hiddenPanels.includes(id) || state.lesson.hiddenPanels.includes(id);
}

/**
 * The step a `start` should pause at (`steps=N`), or undefined to run on. Only a run started below the
 * lesson's step stops there; once past it, Start runs on freely (after Reset the limit holds again).
 */
export function lessonStopStep({ lesson, run }: PlaygroundState): number | undefined {
  return lesson.stopAtStep !== null && run.step < lesson.stopAtStep ? lesson.stopAtStep : undefined;
}
