import type { StateCreator } from 'zustand';
import type { ImportResult } from '../../datasets/assembleImport';
import type { ImportFile } from '../../datasets/browser/fileSources';
import type { DatasetSpec } from '../../worker/protocol';
import type { PlaygroundMutators, PlaygroundState } from '../store/types';

export type ListFiles = () => Promise<ImportFile[]>;

/**
 * The last import that brought images, kept on the page (one copy, as decoded) so switching to another set
 * and back trains on it again without a re-import. Only a new import the user confirmed replaces it.
 */
export interface KeptImport {
  name: string;
  result: ImportResult;
  filesSeen: number;
}

/** An import reading or decoding its files. */
interface InFlight {
  id: number;
  name: string;
  abort: AbortController;
  /**
   * The run's set when the user last looked at this import: if it is still the run's set when the import
   * is done, the import is trained on. Null once the user chose another set: it then goes on in the
   * background and is only kept.
   */
  over: DatasetSpec | null;
}

/**
 * The Data panel's import. It lives in the store, not in the panel, so it outlives the panel: switching to
 * a built-in set, or a lesson hiding the panel, neither drops it nor stops it.
 */
export type DataImport =
  | { phase: 'idle' }
  /** A new import waits for the user's word: it would replace the kept one. Nothing is read yet. */
  | { phase: 'confirm'; name: string; listFiles: ListFiles }
  | ({ phase: 'reading' } & InFlight)
  | ({ phase: 'decoding'; done: number; total: number } & InFlight)
  /** `inBackground`: it ended while the user was on another set, which it did not replace. */
  | { phase: 'done'; name: string; result: ImportResult; filesSeen: number; inBackground: boolean }
  | { phase: 'cancelled'; name: string }
  /** `inBackground` as for 'done'. */
  | { phase: 'failed'; name: string; message: string; inBackground: boolean };

/** What a finished import does next: train on it, only keep it, or nothing (no images, or superseded). */
export type ImportOutcome = { kind: 'train'; over: DatasetSpec } | { kind: 'kept' | 'empty' | 'stale' };

export interface ImportSlice {
  dataImport: DataImport;
  keptImport: KeptImport | null;
  /** Imports begun so far: each gets the next id, so a superseded one never writes over a later one. */
  importSerial: number;
  /** Stops the import in flight (if any) and starts tracking a new one over the run's current set. */
  beginDataImport: (name: string) => { id: number; signal: AbortSignal };
  dataImportProgress: (id: number, done: number, total: number) => void;
  /** Keeps an import that brought images and says what to do with it. */
  finishDataImport: (id: number, result: ImportResult, filesSeen: number) => ImportOutcome;
  /** `message` null: it was cancelled. */
  failDataImport: (id: number, message: string | null) => void;
  cancelDataImport: () => void;
  /** A new import while one is kept: ask before replacing it. */
  askToReplaceImport: (name: string, listFiles: ListFiles) => void;
  /** The user kept the import they had: the new one is not read. */
  declineReplaceImport: () => void;
  /** The user chose another set while an import runs: it goes on, and is kept but not trained on. */
  sendDataImportToBackground: () => void;
  /** The user came back to "Your images" while an import runs: it is trained on when done. */
  followDataImport: () => void;
  dismissBackgroundImport: () => void;
}

export function isImportInFlight(
  state: DataImport,
): state is Extract<DataImport, { phase: 'reading' | 'decoding' }> {
  return state.phase === 'reading' || state.phase === 'decoding';
}

export const createImportSlice: StateCreator<PlaygroundState, PlaygroundMutators, [], ImportSlice> = (
  set,
  get,
) => {
  const changeInFlight = (change: Partial<InFlight>) => {
    const state = get().dataImport;
    if (isImportInFlight(state)) set({ dataImport: { ...state, ...change } });
  };
  return {
    dataImport: { phase: 'idle' },
    keptImport: null,
    importSerial: 0,
    beginDataImport: (name) => {
      get().cancelDataImport();
      const id = get().importSerial + 1;
      const abort = new AbortController();
      set({ importSerial: id, dataImport: { phase: 'reading', id, name, abort, over: get().dataset } });
      return { id, signal: abort.signal };
    },
    dataImportProgress: (id, done, total) => {
      const flight = currentImport(get, id);
      if (flight) set({ dataImport: { ...flight, phase: 'decoding', done, total } });
    },
    finishDataImport: (id, result, filesSeen) => finishImport(get, set, id, result, filesSeen),
    failDataImport: (id, message) => failImport(get, set, id, message),
    cancelDataImport: () => {
      const state = get().dataImport;
      if (!isImportInFlight(state)) return;
      state.abort.abort();
      set({ dataImport: { phase: 'cancelled', name: state.name } });
    },
    askToReplaceImport: (name, listFiles) => {
      get().cancelDataImport();
      set({ dataImport: { phase: 'confirm', name, listFiles } });
    },
    declineReplaceImport: () => {
      if (get().dataImport.phase === 'confirm') set({ dataImport: { phase: 'idle' } });
    },
    sendDataImportToBackground: () => changeInFlight({ over: null }),
    followDataImport: () => changeInFlight({ over: get().dataset }),
    dismissBackgroundImport: () => {
      const state = get().dataImport;
      if ((state.phase === 'done' || state.phase === 'failed') && state.inBackground)
        set({ dataImport: { ...state, inBackground: false } });
    },
  };
};

type Get = () => PlaygroundState;
type Set = Parameters<StateCreator<PlaygroundState, PlaygroundMutators, [], ImportSlice>>[0];

/** The import in flight with this id, or null when it was superseded or cancelled since. */
function currentImport(get: Get, id: number) {
  const state = get().dataImport;
  return isImportInFlight(state) && state.id === id ? state : null;
}

/** The user is elsewhere: they chose another set, or the run's set changed some other way (a resume). */
function awayFrom(get: Get, flight: InFlight): boolean {
  return flight.over === null || get().dataset !== flight.over;
}

function finishImport(
  get: Get,
  set: Set,
  id: number,
  result: ImportResult,
  filesSeen: number,
): ImportOutcome {
  const flight = currentImport(get, id);
  if (!flight) return { kind: 'stale' };
  const { name, over } = flight;
  const train = !awayFrom(get, flight);
  const inBackground = result.set.count > 0 && !train;
  set({
    dataImport: { phase: 'done', name, result, filesSeen, inBackground },
    ...(result.set.count > 0 && { keptImport: { name, result, filesSeen } }),
  });
  if (result.set.count === 0) return { kind: 'empty' };
  return train && over !== null ? { kind: 'train', over } : { kind: 'kept' };
}

function failImport(get: Get, set: Set, id: number, message: string | null): void {
  const flight = currentImport(get, id);
  if (!flight) return;
  const { name } = flight;
  if (message === null) set({ dataImport: { phase: 'cancelled', name } });
  else set({ dataImport: { phase: 'failed', name, message, inBackground: awayFrom(get, flight) } });
}
