import type { StateCreator } from 'zustand';
import type { CpcConfig } from '../../cpc/config';
import type { CheckpointFileCheck } from '../../cpc/checkpoint/format';
import type { ImageSet } from '../../cpc/data/imageSet';
import type { ClientEvent } from '../../worker/client';
import type { DatasetSpec } from '../../worker/protocol';
import { datasetForInit } from '../data/datasetChoice';
import { datasetRefOf, specForRef } from '../keep/datasetRef';
import { keptNote } from '../keep/keptNote';
import { pendingSaveOf, savedRunOf, type PendingSave } from '../keep/pendingSave';
import { readRunExtra, runExtraRecord } from '../keep/runExtra';
import { newRunId } from '../keep/runIdentity';
import type { RunStore, SavedDatasetRef, SavedRunSummary } from '../keep/savedRun';
import { reinitView, type TrainingView } from '../training/trainingView';
import { matchingPreset } from './configLogic';
import { dropRowsAfter } from './metricsHistory';
import type { PlaygroundMutators, PlaygroundState } from './types';

export const DEFAULT_AUTOSAVE_EVERY = 200;

/** A saved run (from the store or a file) about to be continued. */
export interface ResumePlan {
  checkpoint: Uint8Array;
  runId: string;
  name: string;
  createdAt: number;
  dataset: SavedDatasetRef;
  /** The checkpoint's config: an import asked for again is decoded to its size and channels. */
  config: CpcConfig;
  step: number;
}

/** A `resume` sent and not answered yet; `fallback` is the run view to put back if the worker refuses. */
export interface Resuming extends ResumePlan {
  spec: DatasetSpec;
  startedAt: number;
  fallback: TrainingView;
}

/** Bookkeeping for when the next autosave is due. */
interface AutosaveBook {
  nextRequestId: number;
  /** Step of the last save requested for this run (0: none). */
  lastRequestedStep: number;
  wasRunning: boolean;
  /** A save came due while another was in flight: run it when that one is done. */
  saveAgain: boolean;
}

export interface KeepSlice {
  /** Null until opened, and for good when the browser refuses storage (`keepError` says why). */
  runStore: RunStore | null;
  /** The last storage or loading failure, in words for the page; training is never stopped by it. */
  keepError: string | null;
  /** This page's run: a new init or reset (new weights) begins another. */
  runId: string;
  /** Null until the first save names it (or the user renames it). */
  runName: string | null;
  runCreatedAt: number;
  runSerial: number;
  /** Steps between autosaves; 0 turns autosave off (pausing still saves). */
  autosaveEvery: number;
  /** Opt-in: keep an imported folder's pixels with the run, so resuming needs no re-import. */
  keepImages: boolean;
  /** The run whose images are already stored (saved once per run). */
  imagesKeptFor: string | null;
  savedRuns: SavedRunSummary[];
  /** The run the page offers to continue after a reload or a crash. */
  resumeOffer: SavedRunSummary | null;
  lastSave: { runId: string; step: number; bytes: number; saveMs: number } | null;
  saving: PendingSave | null;
  autosave: AutosaveBook;
  resuming: Resuming | null;
  /** A run to resume once the user imports its folder again. */
  folderRequest: ResumePlan | null;
  /** Click to `resumed`, in ms, of the last resume. */
  resumeMs: number | null;
  /** A saved run to resume as soon as the restarted worker is ready (the crash notice's one click). */
  resumeAfterRestart: string | null;
  setResumeAfterRestart: (id: string | null) => void;
  /** `refusal`: why there is no store (the page then trains without saving). */
  attachRunStore: (store: RunStore | null, refusal?: string) => Promise<void>;
  refreshRuns: () => Promise<void>;
  setAutosaveEvery: (steps: number) => void;
  setKeepImages: (keep: boolean) => void;
  /** Asks the worker for a checkpoint of the current run (no-op while one is in flight or resuming). */
  saveNow: () => void;
  /** Autosave triggers and answers: called for every worker event after `handleEvent`. */
  keepEvent: (event: ClientEvent) => void;
  resumeSaved: (id: string) => Promise<void>;
  /**
   * A checkpoint file dropped or chosen, as the archive worker found it: a bad one never reaches the
   * training worker, and the current run goes on.
   */
  resumeFile: (check: CheckpointFileCheck, fileName: string) => Promise<void>;
  /** Completes `folderRequest` with the folder imported again. */
  resumeWithImages: (set: ImageSet, name: string) => void;
  cancelFolderRequest: () => void;
  renameRun: (id: string, name: string) => Promise<void>;
  deleteRun: (id: string) => Promise<void>;
  dismissResumeOffer: () => void;
}

/** A new run has nothing saved yet (whether the worker is running is not the run's to reset). */
const FRESH_BOOK = { lastRequestedStep: 0, saveAgain: false } as const;

export const createKeepSlice: StateCreator<PlaygroundState, PlaygroundMutators, [], KeepSlice> = (
  set,
  get,
) => {
  const fail = (error: unknown) => set({ keepError: errorMessage(error) });

  const startNewRun = () => {
    const now = Date.now();
    const serial = get().runSerial + 1;
    set((s) => ({
      runId: newRunId(now, serial),
      runSerial: serial,
      runName: null,
      runCreatedAt: now,
      lastSave: null,
      autosave: { ...s.autosave, ...FRESH_BOOK },
    }));
  };

  const startResume = (plan: ResumePlan, spec: DatasetSpec) => {
    const s = get();
    if (!s.connection) return;
    const { dataset, transfer } = datasetForInit(spec);
    // A copy, so the store's (or the file's) bytes survive the transfer.
    const checkpoint = plan.checkpoint.slice();
    set({
      resuming: { ...plan, spec, startedAt: performance.now(), fallback: s.run },
      folderRequest: null,
      keepError: null,
      keepImages: s.keepImages || (plan.dataset.kind === 'images' && plan.dataset.storedImagesId !== null),
      run: { ...reinitView(s.run), progress: `Resuming ${plan.name} from step ${plan.step}…` },
    });
    s.send({ type: 'resume', checkpoint, backend: s.backendChoice, dataset }, [
      checkpoint.buffer,
      ...transfer,
    ]);
  };

  const prepareResume = async (plan: ResumePlan) => {
    const { runStore } = get();
    const imagesId = plan.dataset.kind === 'images' ? plan.dataset.storedImagesId : null;
    const images = imagesId && runStore ? await runStore.loadImages(imagesId) : null;
    const spec = specForRef(plan.dataset, images);
    if (spec) startResume(plan, spec);
    else set({ folderRequest: plan, keepError: null });
  };

  const finishSave = async (event: Extract<ClientEvent, { type: 'checkpoint' }>) => {
    const { saving: pending, runStore, runId, runName } = get();
    if (!pending || pending.requestId !== event.requestId) return;
    try {
      if (!runStore) return;
      if (pending.imagesToKeep) {
        await runStore.saveImages(pending.runId, pending.imagesToKeep);
        set({ imagesKeptFor: pending.runId });
      }
      // A rename while the checkpoint was in flight wins over the name the request left with.
      const name = pending.runId === runId && runName ? runName : pending.name;
      await runStore.save(savedRunOf({ ...pending, name }, event.step, event.bytes, Date.now()));
      set({
        lastSave: {
          runId: pending.runId,
          step: event.step,
          bytes: event.bytes.byteLength,
          saveMs: event.saveMs,
        },
        resumeOffer: null,
        keepError: null,
      });
    } catch (error) {
      set({ keepError: `${errorMessage(error)} ${keptNote(get().savedRuns, pending.runId)}` });
    } finally {
      set({ saving: null });
    }
    await get().refreshRuns();
    const { autosave, run } = get();
    if (autosave.saveAgain) {
      set({ autosave: { ...autosave, saveAgain: false } });
      if (run.step !== event.step) get().saveNow();
    }
  };

  const onState = (event: Extract<ClientEvent, { type: 'state' }>) => {
    const { autosave, resuming } = get();
    set({ autosave: { ...autosave, wasRunning: event.running } });
    if (resuming) return;
    const { resumeAfterRestart } = get();
    if (event.step === 0 && resumeAfterRestart !== null && get().run.phase === 'ready') {
      set({ resumeAfterRestart: null });
      startNewRun();
      return void get().resumeSaved(resumeAfterRestart);
    }
    if (event.step === 0) return startNewRun();
    if (autosave.wasRunning && !event.running && event.step !== autosave.lastRequestedStep) get().saveNow();
  };

  const onMetrics = () => {
    const { autosaveEvery, autosave, run } = get();
    if (autosaveEvery <= 0) return;
    if (Math.floor(run.step / autosaveEvery) > Math.floor(autosave.lastRequestedStep / autosaveEvery))
      get().saveNow();
  };

  const onError = (event: Extract<ClientEvent, { type: 'error' }>) => {
    const { resuming } = get();
    if (!resuming) return;
    if (!event.recoverable) return set({ resuming: null });
    set({
      resuming: null,
      run: { ...resuming.fallback, error: event.message },
      keepError: `Could not resume ${resuming.name}: ${event.message} The current run goes on.`,
    });
  };

  return {
    runStore: null,
    keepError: null,
    runId: newRunId(Date.now(), 0),
    runName: null,
    runCreatedAt: Date.now(),
    runSerial: 0,
    autosaveEvery: DEFAULT_AUTOSAVE_EVERY,
    keepImages: false,
    imagesKeptFor: null,
    savedRuns: [],
    resumeOffer: null,
    lastSave: null,
    saving: null,
    autosave: { nextRequestId: 1, wasRunning: false, ...FRESH_BOOK },
    resuming: null,
    folderRequest: null,
    resumeMs: null,
    resumeAfterRestart: null,
    setResumeAfterRestart: (id) => set({ resumeAfterRestart: id }),
    attachRunStore: async (store, refusal) => {
      set({ runStore: store, keepError: refusal ?? null });
      if (!store) return;
      await get().refreshRuns();
      const { savedRuns, runId } = get();
      set({ resumeOffer: savedRuns.find((r) => r.id !== runId && r.step > 0) ?? null });
    },
    refreshRuns: async () => {
      const { runStore } = get();
      if (!runStore) return;
      try {
        set({ savedRuns: await runStore.list() });
      } catch (error) {
        fail(error);
      }
    },
    setAutosaveEvery: (steps) => set({ autosaveEvery: Number.isInteger(steps) && steps > 0 ? steps : 0 }),
    setKeepImages: (keep) => set({ keepImages: keep }),
    saveNow: () => {
      const s = get();
      if (!s.runStore || !s.connection || s.resuming || s.run.phase !== 'ready' || s.run.step === 0) return;
      if (s.saving) return set({ autosave: { ...s.autosave, saveAgain: true } });
      const requestId = s.autosave.nextRequestId;
      const pending = pendingSaveOf(s, requestId);
      set({
        saving: pending,
        runName: pending.name,
        autosave: { ...s.autosave, nextRequestId: requestId + 1, lastRequestedStep: s.run.step },
      });
      const { runId, name, presetId, dataset, history, probeHistory } = pending;
      const extra = runExtraRecord({ runId, name, presetId, dataset, history, probeHistory });
      s.send({ type: 'save-checkpoint', requestId, extra });
    },
    keepEvent: (event) => {
      switch (event.type) {
        case 'state':
          return onState(event);
        case 'metrics':
          return onMetrics();
        case 'checkpoint':
          return void finishSave(event);
        case 'request-failed':
          if (get().saving?.requestId !== event.requestId) return;
          return set((s) => ({
            saving: null,
            keepError:
              `Could not save a checkpoint: ${asSentence(event.message)} Training goes on. ` +
              keptNote(s.savedRuns, s.saving?.runId ?? s.runId),
          }));
        case 'error':
          return onError(event);
        case 'crash':
          set({ resuming: null, saving: null, resumeAfterRestart: null });
          return void get()
            .refreshRuns()
            .then(() => set((s) => ({ resumeOffer: s.savedRuns.find((r) => r.step > 0) ?? null })));
        default:
          return;
      }
    },
    resumeSaved: async (id) => {
      const { runStore } = get();
      if (!runStore || get().resuming) return;
      try {
        const run = await runStore.get(id);
        if (!run) throw new Error('That run is no longer saved.');
        const { checkpoint, id: runId, name, createdAt, dataset, config, step } = run;
        await prepareResume({ checkpoint, runId, name, createdAt, dataset, config, step });
      } catch (error) {
        fail(error);
      }
    },
    resumeFile: async (check, fileName) => {
      if (get().resuming) return;
      if (!check.ok) {
        set({ keepError: `${fileName} was not loaded. ${check.message} The current run goes on.` });
        return;
      }
      const { bytes, manifest } = check;
      const extra = readRunExtra(manifest.extra);
      const now = Date.now();
      const serial = get().runSerial + 1;
      set({ runSerial: serial });
      try {
        await prepareResume({
          checkpoint: bytes,
          // A new id: the file may be a copy of a run still in the list, which must not be overwritten.
          runId: newRunId(now, serial),
          name: extra.name ?? fileName,
          createdAt: now,
          dataset: extra.dataset ?? datasetRefOf(get().dataset, null),
          config: manifest.config,
          step: manifest.step,
        });
      } catch (error) {
        fail(error);
      }
    },
    resumeWithImages: (images, name) => {
      const plan = get().folderRequest;
      if (plan) startResume(plan, { kind: 'images', name, set: images });
    },
    cancelFolderRequest: () => set({ folderRequest: null }),
    renameRun: async (id, name) => {
      const { runStore, runId } = get();
      const trimmed = name.trim();
      if (!runStore || trimmed.length === 0) return;
      try {
        await runStore.rename(id, trimmed);
        if (id === runId) set({ runName: trimmed });
      } catch (error) {
        fail(error);
      }
      await get().refreshRuns();
    },
    deleteRun: async (id) => {
      const { runStore, runId, resumeOffer } = get();
      if (!runStore) return;
      try {
        await runStore.remove(id);
        if (id === runId) set({ imagesKeptFor: null });
        if (resumeOffer?.id === id) set({ resumeOffer: null });
      } catch (error) {
        fail(error);
      }
      await get().refreshRuns();
    },
    dismissResumeOffer: () => set({ resumeOffer: null }),
  };
};

/** Worker messages come with or without a full stop (a JavaScript TypeError has none). */
function asSentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The store after `resumed`: the checkpoint's config becomes applied and draft, and the curves, preset and
 * dataset come back from its extra, so the charts continue where they stopped.
 */
export function resumedState(
  state: PlaygroundState,
  event: Extract<ClientEvent, { type: 'resumed' }>,
): Partial<PlaygroundState> {
  const extra = readRunExtra(event.extra);
  const plan = state.resuming;
  return {
    appliedConfig: event.config,
    draftConfig: event.config,
    fieldErrors: {},
    liveChangeError: null,
    presetId: extra.presetId ?? matchingPreset(event.config),
    history: dropRowsAfter(extra.history, event.step),
    probeHistory: extra.probeHistory.filter((p) => p.step <= event.step),
    dataset: plan?.spec ?? state.dataset,
    runId: plan?.runId ?? extra.runId ?? state.runId,
    runName: plan?.name ?? extra.name,
    runCreatedAt: plan?.createdAt ?? state.runCreatedAt,
    imagesKeptFor:
      plan?.dataset.kind === 'images' && plan.dataset.storedImagesId === plan.runId ? plan.runId : null,
    resuming: null,
    resumeOffer: null,
    folderRequest: null,
    keepError: null,
    resumeMs: plan ? performance.now() - plan.startedAt : state.resumeMs,
    autosave: { ...state.autosave, lastRequestedStep: event.step, wasRunning: false, saveAgain: false },
  };
}
