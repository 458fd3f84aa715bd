import type { StateCreator } from 'zustand';
import type { PlaygroundMutators, PlaygroundState } from './types';

/** The four columns of the page, left to right. */
export const PANEL_IDS = ['data', 'model', 'training', 'learned'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export interface UiPrefs {
  /** Panels a teacher hid for a lesson. */
  hiddenPanels: PanelId[];
  howItWorksOpen: boolean;
  /** Presenter view: the developer figures (tensors, heap, backend timings) are hidden. */
  presenter: boolean;
}

export interface UiPrefsSlice extends UiPrefs {
  togglePanel: (id: PanelId) => void;
  setHowItWorksOpen: (open: boolean) => void;
  setPresenter: (on: boolean) => void;
}

export const createUiPrefsSlice: StateCreator<PlaygroundState, PlaygroundMutators, [], UiPrefsSlice> = (
  set,
) => ({
  hiddenPanels: [],
  howItWorksOpen: false,
  presenter: false,
  togglePanel: (id) =>
    set((state) => ({
      hiddenPanels: state.hiddenPanels.includes(id)
        ? state.hiddenPanels.filter((hidden) => hidden !== id)
        : [...state.hiddenPanels, id],
    })),
  setHowItWorksOpen: (open) => set({ howItWorksOpen: open }),
  setPresenter: (on) => set({ presenter: on }),
});

/** Reads preferences restored from storage, keeping only values that still make sense. */
export function validUiPrefs(restored: unknown): Partial<UiPrefs> {
  if (restored === null || typeof restored !== 'object') return {};
  const { hiddenPanels, howItWorksOpen, presenter } = restored as Record<string, unknown>;
  const prefs: Partial<UiPrefs> = {};
  if (Array.isArray(hiddenPanels)) prefs.hiddenPanels = PANEL_IDS.filter((id) => hiddenPanels.includes(id));
  if (typeof howItWorksOpen === 'boolean') prefs.howItWorksOpen = howItWorksOpen;
  if (typeof presenter === 'boolean') prefs.presenter = presenter;
  return prefs;
}
