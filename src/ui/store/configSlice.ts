import type { StateCreator } from 'zustand';
import type { CpcConfig } from '../../cpc/config';
import type { FittedConfig } from '../../cpc/fitConfig';
import { checkLiveChange } from '../../cpc/liveChange';
import { presetById, type PresetId } from '../../cpc/presets';
import type { BackendChoice, DatasetSpec } from '../../worker/protocol';
import { reinitView } from '../training/trainingView';
import { liveDiff, matchingPreset, pendingRestartKeys, configReadiness } from './configLogic';
import { EMPTY_HISTORY } from './metricsHistory';
import type { PlaygroundMutators, PlaygroundState } from './types';

export type FieldErrors = Partial<Record<keyof CpcConfig, string>>;

/** A set chosen with a config fitted to it (an import, the colour textures) and where it stands. */
export interface FittedDataset {
  dataset: DatasetSpec;
  fit: FittedConfig;
  /**
   * 'applied': the run trains on it; 'pending': training had started, so it waits for the user's word
   * (switching discards the weights); 'declined': the user kept the run they had.
   */
  status: 'applied' | 'pending' | 'declined';
}

export interface ConfigSlice {
  /** The config the worker's model was built with, plus the live changes sent since. */
  appliedConfig: CpcConfig;
  /** What the controls show: the applied config plus edits not applied yet. */
  draftConfig: CpcConfig;
  /** The preset last chosen (null: none); the picker marks it modified when the draft drifts. */
  presetId: PresetId | null;
  /** Controls whose text does not parse, with the reason; Start stays disabled while there are any. */
  fieldErrors: FieldErrors;
  /** A live change refused before sending (e.g. a batch too small for the negatives). */
  liveChangeError: string | null;
  backendChoice: BackendChoice;
  dataset: DatasetSpec;
  setDraftField: <K extends keyof CpcConfig>(key: K, value: CpcConfig[K]) => void;
  setFieldError: (key: keyof CpcConfig, reason: string | null) => void;
  /**
   * Applies a preset: its live fields are sent, and when it changes restart fields the model is rebuilt
   * at once. After training has started that discards the weights, so the picker asks first.
   */
  choosePreset: (id: PresetId) => void;
  /** Sends the draft's live fields that differ from the applied config. */
  commitLiveChanges: () => void;
  /** Discards the weights and builds a new model from the draft (after the user confirmed). */
  confirmRebuild: () => void;
  /** Puts the draft's restart fields back to the running model's values. */
  revertRestartChanges: () => void;
  /** Another image set: a new init with the applied config (the current weights are dropped). */
  setDataset: (dataset: DatasetSpec) => void;
  /** The last set chosen with a fitted config (null once a set is chosen without one). */
  fittedDataset: FittedDataset | null;
  /**
   * Another set with the config fitted to it. Before the first step both take effect at once; after it
   * they wait as 'pending', since switching throws away the trained weights.
   */
  chooseFittedDataset: (dataset: DatasetSpec, fit: FittedConfig) => void;
  /** Switches to the pending set and its config (after the user confirmed). */
  confirmFittedDataset: () => void;
  /** Keeps the current run and its set; the pending one is not used. */
  declineFittedDataset: () => void;
}

export interface ConfigInit {
  config: CpcConfig;
  backend: BackendChoice;
  dataset: DatasetSpec;
  /** The preset a link names; without one, the preset the config equals (if any). */
  presetId?: PresetId | null;
}

export const createConfigSlice =
  (init: ConfigInit): StateCreator<PlaygroundState, PlaygroundMutators, [], ConfigSlice> =>
  (set, get) => ({
    appliedConfig: init.config,
    draftConfig: init.config,
    presetId: init.presetId ?? matchingPreset(init.config),
    fieldErrors: {},
    liveChangeError: null,
    backendChoice: init.backend,
    dataset: init.dataset,
    setDraftField: (key, value) => set((state) => ({ draftConfig: { ...state.draftConfig, [key]: value } })),
    setFieldError: (key, reason) =>
      set((state) => {
        const { [key]: _dropped, ...rest } = state.fieldErrors;
        return { fieldErrors: reason === null ? rest : { ...rest, [key]: reason } };
      }),
    choosePreset: (id) => {
      set({ presetId: id, draftConfig: presetById(id).config, fieldErrors: {} });
      get().commitLiveChanges();
      // A preset is one decision: leaving its restart fields pending behind a second click hid the change.
      get().confirmRebuild();
    },
    commitLiveChanges: () => commitLiveChanges(get, set),
    confirmRebuild: () => {
      const { appliedConfig, draftConfig, fieldErrors } = get();
      if (configReadiness(draftConfig, draftConfig, fieldErrors).blocker !== null) return;
      if (pendingRestartKeys(appliedConfig, draftConfig).length === 0) return;
      set({ appliedConfig: draftConfig, liveChangeError: null });
      get().initWorker();
    },
    revertRestartChanges: () => revertRestartChanges(get, set),
    setDataset: (dataset) => {
      set({ dataset, fittedDataset: null });
      get().initWorker();
    },
    fittedDataset: null,
    chooseFittedDataset: (dataset, fit) => {
      if (get().run.step > 0) return set({ fittedDataset: { dataset, fit, status: 'pending' } });
      set(fittedDatasetApplied(dataset, fit));
      get().initWorker();
    },
    confirmFittedDataset: () => {
      const pending = get().fittedDataset;
      if (pending?.status !== 'pending') return;
      set(fittedDatasetApplied(pending.dataset, pending.fit));
      get().initWorker();
    },
    declineFittedDataset: () => {
      const pending = get().fittedDataset;
      if (pending?.status === 'pending') set({ fittedDataset: { ...pending, status: 'declined' } });
    },
  });

type Get = () => PlaygroundState;
type Set = Parameters<StateCreator<PlaygroundState, PlaygroundMutators, [], ConfigSlice>>[0];

/** The draft's live fields go to the running worker at once; a refused change says why. */
function commitLiveChanges(get: Get, set: Set): void {
  const { appliedConfig, draftConfig } = get();
  const change = liveDiff(appliedConfig, draftConfig);
  if (Object.keys(change).length === 0) return void set({ liveChangeError: null });
  const check = checkLiveChange(appliedConfig, change);
  if (!check.ok) return void set({ liveChangeError: check.reason });
  set({ appliedConfig: { ...appliedConfig, ...check.change }, liveChangeError: null });
  get().send({ type: 'set-hyperparameters', change: check.change });
}

function revertRestartChanges(get: Get, set: Set): void {
  const { appliedConfig, draftConfig } = get();
  const reverted = { ...draftConfig } as Record<string, unknown>;
  for (const key of pendingRestartKeys(appliedConfig, draftConfig)) reverted[key] = appliedConfig[key];
  set({ draftConfig: reverted as unknown as CpcConfig, fieldErrors: {} });
}

/** A fitted set and its config replace the run's, as a preset replaces the draft; a re-init follows. */
function fittedDatasetApplied(dataset: DatasetSpec, fit: FittedConfig): Partial<ConfigSlice> {
  return {
    dataset,
    appliedConfig: fit.config,
    draftConfig: fit.config,
    fieldErrors: {},
    liveChangeError: null,
    fittedDataset: { dataset, fit, status: 'applied' },
  };
}

/** State changes that go with a new `init`: the run view starts over and the charts are cleared. */
export function reinitState(state: PlaygroundState): Partial<PlaygroundState> {
  return { run: reinitView(state.run), history: EMPTY_HISTORY, probeHistory: [] };
}
