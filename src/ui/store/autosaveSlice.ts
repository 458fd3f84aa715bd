import type { StateCreator } from 'zustand';
import type { ClientEvent } from '../../worker/client';
import { keptNote } from '../keep/keptNote';
import { pendingSaveOf, savedRunOf, type PendingSave } from '../keep/pendingSave';
import { runExtraRecord } from '../keep/runExtra';
import { newRunId } from '../keep/runIdentity';
import { errorMessage } from './keepSlice';
import type { PlaygroundMutators, PlaygroundState } from './types';

export const DEFAULT_AUTOSAVE_EVERY = 200;

/** Bookkeeping for when the next autosave is due. */
interface AutosaveBook {
  nextRequestId: number;
  /** Step of the last save requested for this run (0: none). */
  lastRequestedStep: number;
  wasRunning: boolean;
  /** A save came due while another was in flight: run it when that one is done. */
  saveAgain: boolean;
}

/** The page's run as it is saved: its identity, and when and how the next checkpoint is asked for. */
export interface AutosaveSlice {
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
  lastSave: { runId: string; step: number; bytes: number; saveMs: number } | null;
  saving: PendingSave | null;
  autosave: AutosaveBook;
  setAutosaveEvery: (steps: number) => void;
  setKeepImages: (keep: boolean) => void;
  /** Asks the worker for a checkpoint of the current run (no-op while one is in flight or resuming). */
  saveNow: () => void;
  /** Autosave triggers and save answers (called by `keepEvent`, before the resume slice hears it). */
  autosaveEvent: (event: ClientEvent) => void;
}

/** A new run has nothing saved yet (whether the worker is running is not the run's to reset). */
const FRESH_BOOK = { lastRequestedStep: 0, saveAgain: false } as const;

type Get = () => PlaygroundState;
type Set = Parameters<StateCreator<PlaygroundState, PlaygroundMutators, [], AutosaveSlice>>[0];

export const createAutosaveSlice: StateCreator<PlaygroundState, PlaygroundMutators, [], AutosaveSlice> = (
  set,
  get,
) => ({
  runId: newRunId(Date.now(), 0),
  runName: null,
  runCreatedAt: Date.now(),
  runSerial: 0,
  autosaveEvery: DEFAULT_AUTOSAVE_EVERY,
  keepImages: false,
  imagesKeptFor: null,
  lastSave: null,
  saving: null,
  autosave: { nextRequestId: 1, wasRunning: false, ...FRESH_BOOK },
  setAutosaveEvery: (steps) => set({ autosaveEvery: Number.isInteger(steps) && steps > 0 ? steps : 0 }),
  setKeepImages: (keep) => set({ keepImages: keep }),
  saveNow: () => requestSave(get, set),
  autosaveEvent: (event) => {
    switch (event.type) {
      case 'state':
        return onState(get, set, event);
      case 'metrics':
        return onMetrics(get);
      case 'checkpoint':
        return void finishSave(get, set, event);
      case 'request-failed':
        return onSaveRefused(get, set, event);
      case 'crash':
        return void set({ saving: null });
      default:
        return;
    }
  },
});

function requestSave(get: Get, set: Set): void {
  const s = get();
  if (!s.runStore || !s.connection || s.resuming || s.run.phase !== 'ready' || s.run.step === 0) return;
  if (s.saving) {
    set({ autosave: { ...s.autosave, saveAgain: true } });
    return;
  }
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
}

/** Step 0 is new weights, so a new run; a pause after training saves (a single Step while paused does not). */
function onState(get: Get, set: Set, event: Extract<ClientEvent, { type: 'state' }>): void {
  const { autosave, resuming } = get();
  set({ autosave: { ...autosave, wasRunning: event.running } });
  if (resuming) return;
  if (event.step === 0) return startNewRun(get, set);
  if (autosave.wasRunning && !event.running && event.step !== autosave.lastRequestedStep) get().saveNow();
}

function onMetrics(get: Get): void {
  const { autosaveEvery, autosave, run } = get();
  if (autosaveEvery <= 0) return;
  if (Math.floor(run.step / autosaveEvery) > Math.floor(autosave.lastRequestedStep / autosaveEvery))
    get().saveNow();
}

function startNewRun(get: Get, set: Set): void {
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
}

async function finishSave(get: Get, set: Set, event: Extract<ClientEvent, { type: 'checkpoint' }>) {
  const pending = get().saving;
  if (!pending || pending.requestId !== event.requestId) return;
  try {
    await storeCheckpoint(get, set, pending, event);
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
}

/** The images first (once per run), then the run: a run never names images that are not there. */
async function storeCheckpoint(
  get: Get,
  set: Set,
  pending: PendingSave,
  event: Extract<ClientEvent, { type: 'checkpoint' }>,
): Promise<void> {
  const { runStore, runId, runName } = get();
  if (!runStore) return;
  if (pending.imagesToKeep) {
    await runStore.saveImages(pending.runId, pending.imagesToKeep);
    set({ imagesKeptFor: pending.runId });
  }
  // A rename while the checkpoint was in flight wins over the name the request left with.
  const name = pending.runId === runId && runName ? runName : pending.name;
  await runStore.save(savedRunOf({ ...pending, name }, event.step, event.bytes, Date.now()));
  const lastSave = {
    runId: pending.runId,
    step: event.step,
    bytes: event.bytes.byteLength,
    saveMs: event.saveMs,
  };
  set({ lastSave, resumeOffer: null, keepError: null });
}

function onSaveRefused(get: Get, set: Set, event: Extract<ClientEvent, { type: 'request-failed' }>): void {
  if (get().saving?.requestId !== event.requestId) return;
  set((s) => ({
    saving: null,
    keepError:
      `Could not save a checkpoint: ${asSentence(event.message)} Training goes on. ` +
      keptNote(s.savedRuns, s.saving?.runId ?? s.runId),
  }));
}

/** Worker messages come with or without a full stop (a JavaScript TypeError has none). */
function asSentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
