import type { StateCreator } from 'zustand';
import { checkDone, rebaseline, type LessonSnapshot } from '../../lessons/checks';
import { guidedLessonById } from '../../lessons';
import type { LessonSetup } from '../../lessons/types';
import { lessonSnapshot } from '../lessons/lessonSnapshot';
import { planSetup, setupUpTo } from '../lessons/lessonSetup';
import type { PlaygroundMutators, PlaygroundState } from './types';
import type { PanelId } from './uiPrefsSlice';

/** The guided lesson on screen: which step, the page as it was when the step opened, and the tick. */
export interface OpenGuidedLesson {
  id: string;
  stepIndex: number;
  opened: LessonSnapshot;
  /** The check has been seen not done during this visit: a tick must come from something done here. */
  armed: boolean;
  done: boolean;
  /** The link's own `hide=` panels, given back when the lesson closes. */
  linkHiddenPanels: PanelId[];
}

/** Worker answers the checks need and the store does not keep: probe runs and the patch grid's prediction. */
export interface LessonEvents {
  probes: number;
  lastProbe: LessonSnapshot['lastProbe'];
  patch: LessonSnapshot['patch'];
}

export interface GuidedLessonSlice {
  guidedLesson: OpenGuidedLesson | null;
  lessonEvents: LessonEvents;
  /** Opens a lesson at a step, with everything its steps up to there set up. */
  openGuidedLesson: (id: string, stepIndex: number) => void;
  /** Moves to another step of the open lesson and applies that step's setup. */
  goToLessonStep: (stepIndex: number) => void;
  closeGuidedLesson: () => void;
  noteLessonEvent: (change: Partial<LessonEvents>) => void;
  /** Re-evaluates the step's check against the page now (called on every store change while open). */
  updateLessonCheck: () => void;
  /** Applies a pending rebuild or set switch that a step's setup asked for once training had begun. */
  applyPendingLessonSetup: () => void;
}

const NO_EVENTS: LessonEvents = { probes: 0, lastProbe: null, patch: null };

export const createGuidedLessonSlice: StateCreator<
  PlaygroundState,
  PlaygroundMutators,
  [],
  GuidedLessonSlice
> = (set, get) => {
  const enter = (id: string, stepIndex: number, setup: LessonSetup, linkHiddenPanels: PanelId[]) => {
    applySetup(get, set, setup);
    set({
      guidedLesson: {
        id,
        stepIndex,
        opened: lessonSnapshot(get()),
        armed: false,
        done: false,
        linkHiddenPanels,
      },
    });
    get().updateLessonCheck();
  };
  return {
    guidedLesson: null,
    lessonEvents: NO_EVENTS,
    openGuidedLesson: (id, stepIndex) => {
      const lesson = guidedLessonById(id);
      if (!lesson || stepIndex < 0 || stepIndex >= lesson.steps.length) return;
      const state = get();
      const linkHiddenPanels = state.guidedLesson?.linkHiddenPanels ?? state.lesson.hiddenPanels;
      enter(id, stepIndex, setupUpTo(lesson, stepIndex), linkHiddenPanels);
    },
    goToLessonStep: (stepIndex) => {
      const open = get().guidedLesson;
      const lesson = open && guidedLessonById(open.id);
      if (!open || !lesson || stepIndex < 0 || stepIndex >= lesson.steps.length) return;
      enter(open.id, stepIndex, lesson.steps[stepIndex].setup ?? {}, open.linkHiddenPanels);
    },
    closeGuidedLesson: () => {
      const open = get().guidedLesson;
      if (!open) return;
      set((state) => ({
        guidedLesson: null,
        lesson: { ...state.lesson, hiddenPanels: open.linkHiddenPanels },
      }));
    },
    noteLessonEvent: (change) => set((state) => ({ lessonEvents: { ...state.lessonEvents, ...change } })),
    updateLessonCheck: () => {
      const state = get();
      const open = state.guidedLesson;
      const check = open && guidedLessonById(open.id)?.steps[open.stepIndex].tryThis?.check;
      if (!open || !check) return;
      const now = lessonSnapshot(state);
      const opened = rebaseline(open.opened, now);
      // A check already met when the step opens (a setup still waiting to be applied, a Back to a step
      // done before) is not ticked until it has been undone and done again.
      const met = checkDone(check, opened, now);
      const armed = open.armed || !met;
      const done = open.done || (armed && met);
      if (opened !== open.opened || armed !== open.armed || done !== open.done)
        set({ guidedLesson: { ...open, opened, armed, done } });
    },
    applyPendingLessonSetup: () => {
      if (get().fittedDataset?.status === 'pending') get().confirmFittedDataset();
      get().confirmRebuild();
    },
  };
};

type Get = () => PlaygroundState;
type Set = Parameters<StateCreator<PlaygroundState, PlaygroundMutators, [], GuidedLessonSlice>>[0];

/**
 * Applies a setup with the page's own actions: a fitted set switch, or the draft with its live fields
 * sent at once. Restart fields rebuild at once before the first step; after it they wait for the user's
 * word (the Model panel's question, or the lesson's own Apply button), as any other edit does.
 */
function applySetup(get: Get, set: Set, setup: LessonSetup): void {
  const state = get();
  const plan = planSetup(setup, state);
  if (plan.hiddenPanels) set({ lesson: { ...state.lesson, hiddenPanels: [...plan.hiddenPanels] } });
  if (plan.dataset) {
    set({ presetId: plan.presetId });
    get().chooseFittedDataset(plan.dataset.spec, plan.dataset.fit);
    return;
  }
  if (setup.preset === undefined && setup.fields === undefined) return;
  set({ presetId: plan.presetId, draftConfig: plan.config, fieldErrors: {} });
  get().commitLiveChanges();
  if (get().run.step === 0) get().confirmRebuild();
}
