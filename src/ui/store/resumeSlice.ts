import type { StateCreator } from 'zustand';
import type { CpcConfig } from '../../cpc/config';
import type { CheckpointFileCheck } from '../../cpc/checkpoint/format';
import type { ImageSet } from '../../cpc/data/imageSet';
import { datasetForInit, type ClientEvent } from '../../worker/client';
import type { DatasetSpec } from '../../worker/protocol';
import { datasetRefOf, specForRef } from '../keep/datasetRef';
import { readRunExtra } from '../keep/runExtra';
import { newRunId } from '../keep/runIdentity';
import type { SavedDatasetRef, SavedRunSummary } from '../keep/savedRun';
import { reinitView, type TrainingView } from '../training/trainingView';
import { matchingPreset } from './configLogic';
import { errorMessage } from './keepSlice';
import { dropRowsAfter } from './metricsHistory';
import type { PlaygroundMutators, PlaygroundState } from './types';

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

/** Continuing a saved run: from the run list, a checkpoint file, or by itself after a worker crash. */
export interface ResumeSlice {
  /** The run the page offers to continue after a reload or a crash. */
  resumeOffer: SavedRunSummary | null;
  resuming: Resuming | null;
  /** A run to resume once the user imports its folder again. */
  folderRequest: ResumePlan | null;
  /** Click to `resumed`, in ms, of the last resume. */
  resumeMs: number | null;
  /** A saved run to resume as soon as the restarted worker is ready (the crash notice's one click). */
  resumeAfterRestart: string | null;
  setResumeAfterRestart: (id: string | null) => void;
  resumeSaved: (id: string) => Promise<void>;
  /**
   * A checkpoint file dropped or chosen, as the archive worker found it: a bad one never reaches the
   * training worker, and the current run goes on.
   */
  resumeFile: (check: CheckpointFileCheck, fileName: string) => Promise<void>;
  /** Completes `folderRequest` with the folder imported again. */
  /** `heldOut`: the import's own split (ImportResult.heldOut); none for images that have no split. */
  resumeWithImages: (set: ImageSet, name: string, heldOut?: number) => void;
  cancelFolderRequest: () => void;
  dismissResumeOffer: () => void;
  /** A refused resume, a crash, a restarted worker (called by `keepEvent`, after the autosave slice). */
  resumeEvent: (event: ClientEvent) => void;
}

type Get = () => PlaygroundState;
type Set = Parameters<StateCreator<PlaygroundState, PlaygroundMutators, [], ResumeSlice>>[0];

export const createResumeSlice: StateCreator<PlaygroundState, PlaygroundMutators, [], ResumeSlice> = (
  set,
  get,
) => ({
  resumeOffer: null,
  resuming: null,
  folderRequest: null,
  resumeMs: null,
  resumeAfterRestart: null,
  setResumeAfterRestart: (id) => set({ resumeAfterRestart: id }),
  resumeSaved: (id) => resumeById(get, set, id, null),
  resumeFile: (check, fileName) => resumeFromFile(get, set, check, fileName),
  resumeWithImages: (images, name, heldOut) => {
    const plan = get().folderRequest;
    const spec: DatasetSpec = { kind: 'images', name, set: images };
    if (plan) startResume(get, set, plan, heldOut === undefined ? spec : { ...spec, heldOut });
  },
  cancelFolderRequest: () => set({ folderRequest: null }),
  dismissResumeOffer: () => set({ resumeOffer: null }),
  resumeEvent: (event) => {
    if (event.type === 'state') return onState(get, set, event);
    if (event.type === 'error') return onError(get, set, event);
    if (event.type === 'crash') return onCrash(get, set);
  },
});

async function resumeFromFile(get: Get, set: Set, check: CheckpointFileCheck, fileName: string) {
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
    await prepareResume(get, set, {
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
    set({ keepError: errorMessage(error) });
  }
}

/** A saved run resumed; `held`: an import the page holds that the run trained on (see heldImport). */
async function resumeById(get: Get, set: Set, id: string, held: DatasetSpec | null): Promise<void> {
  const { runStore } = get();
  if (!runStore || get().resuming) return;
  try {
    const run = await runStore.get(id);
    if (!run) throw new Error('That run is no longer saved.');
    const { checkpoint, id: runId, name, createdAt, dataset, config, step } = run;
    await prepareResume(get, set, { checkpoint, runId, name, createdAt, dataset, config, step }, held);
  } catch (error) {
    set({ keepError: errorMessage(error) });
  }
}

/**
 * After a crash the page still holds the import the dead worker trained on: the saved run continues on
 * it without asking for its folder, when it names that import (and its split).
 */
function heldImport(ref: SavedDatasetRef, current: DatasetSpec | null): DatasetSpec | null {
  if (ref.kind !== 'images' || current?.kind !== 'images' || current.name !== ref.name) return null;
  return current.heldOut === ref.heldOut ? current : null;
}

/**
 * Resumes at once when the run's images can be had (built in, kept, or `held` after a crash); else asks
 * for its folder.
 */
async function prepareResume(
  get: Get,
  set: Set,
  plan: ResumePlan,
  held: DatasetSpec | null = null,
): Promise<void> {
  const { runStore } = get();
  const imagesId = plan.dataset.kind === 'images' ? plan.dataset.storedImagesId : null;
  const images = imagesId && runStore ? await runStore.loadImages(imagesId) : null;
  const spec = specForRef(plan.dataset, images) ?? heldImport(plan.dataset, held);
  if (spec) startResume(get, set, plan, spec);
  else set({ folderRequest: plan, keepError: null });
}

function startResume(get: Get, set: Set, plan: ResumePlan, spec: DatasetSpec): void {
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
  s.send({ type: 'resume', checkpoint, backend: s.backendChoice, dataset }, [checkpoint.buffer, ...transfer]);
}

/** A restarted worker that is ready continues the run the crash notice armed. */
function onState(get: Get, set: Set, event: Extract<ClientEvent, { type: 'state' }>): void {
  const { resuming, resumeAfterRestart, run } = get();
  if (resuming || event.step !== 0 || resumeAfterRestart === null || run.phase !== 'ready') return;
  set({ resumeAfterRestart: null });
  void resumeById(get, set, resumeAfterRestart, get().dataset);
}

function onError(get: Get, set: Set, event: Extract<ClientEvent, { type: 'error' }>): void {
  const { resuming } = get();
  if (!resuming) return;
  if (!event.recoverable) {
    set({ resuming: null });
    return;
  }
  set({
    resuming: null,
    run: { ...resuming.fallback, error: event.message },
    keepError: `Could not resume ${resuming.name}: ${event.message} The current run goes on.`,
  });
}

/** The newest saved run becomes the offer once the list is read again. */
function onCrash(get: Get, set: Set): void {
  set({ resuming: null, resumeAfterRestart: null });
  void get()
    .refreshRuns()
    .then(() => set((s) => ({ resumeOffer: s.savedRuns.find((r) => r.step > 0) ?? null })));
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
