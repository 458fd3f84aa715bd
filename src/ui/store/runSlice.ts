import type { StateCreator } from 'zustand';
import { DEFAULT_IMAGE_FEATURE } from '../../cpc/model/imageFeatureInfo';
import { datasetForInit, type ClientEvent, type TrainingClient } from '../../worker/client';
import type { WorkerCommand } from '../../worker/protocol';
import { appendProbe } from '../learned/probeHistory';
import { INITIAL_VIEW, reduceView, type TrainingView } from '../training/trainingView';
import { reinitState } from './configSlice';
import { configReadiness } from './configLogic';
import { lessonStopStep } from './lessonSlice';
import { resumedState } from './resumeSlice';
import { appendRows, dropRowsAfter, EMPTY_HISTORY } from './metricsHistory';
import type { PlaygroundMutators, PlaygroundState } from './types';

/**
 * The TrainingClient in the page, a fake in tests. Panels that ask the worker for analyses subscribe to
 * their events through `on`.
 */
export type WorkerConnection = Pick<TrainingClient, 'send' | 'on'>;

export interface RunSlice {
  run: TrainingView;
  connection: WorkerConnection | null;
  /** Attaches a fresh worker and sends it `init` with the applied config. */
  connect: (connection: WorkerConnection) => void;
  disconnect: () => void;
  /** Folds one worker event into the run view and the metrics history. */
  handleEvent: (event: ClientEvent) => void;
  send: (command: WorkerCommand, transfer?: Transferable[]) => void;
  /** (Re-)builds the model in the worker from the applied config. */
  initWorker: () => void;
  start: () => void;
  pause: () => void;
  step: () => void;
  reset: () => void;
}

export const createRunSlice: StateCreator<PlaygroundState, PlaygroundMutators, [], RunSlice> = (
  set,
  get,
) => ({
  run: INITIAL_VIEW,
  connection: null,
  connect: (connection) => {
    set({ connection, run: INITIAL_VIEW, history: EMPTY_HISTORY, probeHistory: [] });
    // A new worker starts at the default feature; after a restart the page may have picked another.
    const feature = get().imageFeature;
    if (feature !== DEFAULT_IMAGE_FEATURE) connection.send({ type: 'set-image-feature', feature });
    get().initWorker();
  },
  disconnect: () => set({ connection: null }),
  handleEvent: (event) =>
    set((state) => {
      const run = reduceView(state.run, event);
      if (event.type === 'metrics') return { run, history: appendRows(state.history, event.rows) };
      // Back at step 0 the weights were reset; a state at step 0 before any step keeps the baseline probe.
      if (event.type === 'state' && event.step === 0)
        return { run, history: EMPTY_HISTORY, ...(state.run.step > 0 && { probeHistory: [] }) };
      if (event.type === 'ready') return { run, lastProbe: null };
      if (event.type === 'recovered') return { run, history: dropRowsAfter(state.history, event.step) };
      if (event.type === 'resumed') return { run, ...resumedState(state, event) };
      if (event.type === 'probe' && event.available) {
        const { step, feature, cpc, randomInit, pixels, features } = event;
        const point = { step, feature, cpc, randomInit, pixels, features };
        return { run, probeHistory: appendProbe(state.probeHistory, point), lastProbe: event };
      }
      return { run };
    }),
  send: (command, transfer) => get().connection?.send(command, transfer),
  initWorker: () => {
    const { appliedConfig, backendChoice, dataset, connection } = get();
    if (!connection) return;
    set(reinitState(get()));
    // An imported set travels as a transferred copy, so the page can send it again on the next re-init.
    const init = datasetForInit(dataset);
    connection.send(
      { type: 'init', config: appliedConfig, backend: backendChoice, dataset: init.dataset },
      init.transfer,
    );
  },
  start: () => {
    const { run, appliedConfig, draftConfig, fieldErrors } = get();
    if (run.phase !== 'ready' || run.running) return;
    if (configReadiness(appliedConfig, draftConfig, fieldErrors).blocker !== null) return;
    get().send({ type: 'start', untilStep: lessonStopStep(get()) });
  },
  pause: () => get().send({ type: 'pause' }),
  step: () => {
    if (get().run.phase === 'ready') get().send({ type: 'step' });
  },
  reset: () => {
    if (get().run.phase === 'ready') get().send({ type: 'reset' });
  },
});
