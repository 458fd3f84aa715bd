import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import type { WorkerCommand } from '../../worker/protocol';
import { NO_LESSON } from '../share/lessonOptions';
import { createPlaygroundStore } from './playgroundStore';

/** The e2e tests' smallest config (SMALLEST_CONFIG_CHANGE in src/cpc/testing, which the UI lint fence keeps out). */
const SMALLEST_CONFIG_CHANGE = {
  batchSize: 2,
  imageSize: 16,
  patchSize: 8,
  patchStride: 4,
  encoderWidth: 4,
  encoderDepth: 1,
  encoderHidden: 0,
  codeSize: 8,
  contextHidden: 8,
  kMax: 2,
  negatives: 3,
} as const;

const dataset = { kind: 'builtin', name: 'fashion-mnist' } as const;
const info = { title: 's', trainCount: 8, testCount: 0, classNames: [], classCounts: [], loadMs: 1 };
const tiny = { ...DEFAULT_CONFIG, ...SMALLEST_CONFIG_CHANGE };

function connectedStore() {
  const sent: WorkerCommand[] = [];
  const store = createPlaygroundStore({
    config: tiny,
    backend: 'wasm',
    dataset,
    lesson: { ...NO_LESSON, hiddenPanels: ['training'] },
  });
  store.getState().connect({ send: (command) => void sent.push(command), on: () => () => true });
  const ready = () => {
    store.getState().handleEvent({ type: 'ready', backend: 'wasm', reason: 'r', warmupMs: 1, dataset: info });
    store.getState().handleEvent({ type: 'state', running: false, step: 0 });
  };
  ready();
  const stepTo = (step: number) => store.getState().handleEvent({ type: 'state', running: false, step });
  return { store, sent, ready, stepTo };
}

const inits = (sent: WorkerCommand[]) => sent.filter((command) => command.type === 'init');

describe('guided lessons in the store', () => {
  it('opens a lesson at step 0 by rebuilding at once, and hides its panels until closed', () => {
    const { store, sent } = connectedStore();
    store.getState().openGuidedLesson('patches-and-grid', 0);
    const state = store.getState();
    expect(state.guidedLesson).toMatchObject({ id: 'patches-and-grid', stepIndex: 0, done: false });
    expect(state.appliedConfig).toMatchObject({ imageSize: 28, patchSize: 8, patchStride: 4 });
    expect(state.draftConfig).toEqual(state.appliedConfig);
    expect(inits(sent).at(-1)).toMatchObject({ config: { imageSize: 28 } });
    expect(state.lesson.hiddenPanels).toEqual(['data']);
    store.getState().closeGuidedLesson();
    expect(store.getState().guidedLesson).toBeNull();
    expect(store.getState().lesson.hiddenPanels).toEqual(['training']);
  });

  it('ignores an unknown lesson or step', () => {
    const { store } = connectedStore();
    store.getState().openGuidedLesson('quantum', 0);
    store.getState().openGuidedLesson('shortcuts', 9);
    expect(store.getState().guidedLesson).toBeNull();
  });

  it('ticks a step-count check once enough steps ran, and keeps the tick', () => {
    const { store, stepTo } = connectedStore();
    store.getState().openGuidedLesson('four-directions', 2);
    store.getState().goToLessonStep(2);
    stepTo(4);
    expect(store.getState().guidedLesson?.done).toBe(false);
    stepTo(5);
    expect(store.getState().guidedLesson?.done).toBe(true);
    stepTo(0);
    expect(store.getState().guidedLesson?.done).toBe(true);
  });

  it('counts steps from a reset when the run starts over during the step', () => {
    const { store, stepTo } = connectedStore();
    stepTo(20);
    store.getState().openGuidedLesson('four-directions', 2);
    stepTo(0);
    stepTo(5);
    expect(store.getState().guidedLesson?.done).toBe(true);
  });

  it('after training, waits for the word before a rebuild, then applies it', () => {
    const { store, sent, stepTo } = connectedStore();
    store.getState().openGuidedLesson('shortcuts', 0);
    stepTo(7);
    const before = inits(sent).length;
    store.getState().goToLessonStep(3);
    expect(store.getState().draftConfig.norm).toBe('batch');
    expect(store.getState().appliedConfig.norm).toBe('layer');
    expect(inits(sent)).toHaveLength(before);
    store.getState().applyPendingLessonSetup();
    expect(store.getState().appliedConfig.norm).toBe('batch');
    expect(inits(sent)).toHaveLength(before + 1);
  });

  it('switches the data set with the config fitted to it, and the step fields on top', () => {
    const { store, sent } = connectedStore();
    store.getState().openGuidedLesson('shortcuts', 1);
    const state = store.getState();
    expect(state.dataset.kind).toBe('textures');
    expect(state.appliedConfig).toMatchObject({
      imageSize: 32,
      channels: 3,
      augColorDrop: 0,
      encoderWidth: 4,
    });
    expect(inits(sent).at(-1)).toMatchObject({ dataset: { kind: 'textures' }, config: { augColorDrop: 0 } });
  });

  it('sends a live field at once and ticks a config check when the model uses the value', () => {
    const { store, sent, stepTo } = connectedStore();
    store.getState().openGuidedLesson('predicting-the-future', 0);
    stepTo(3);
    store.getState().goToLessonStep(2);
    store.getState().setDraftField('negatives', 31);
    expect(store.getState().guidedLesson?.done).toBe(false);
    store.getState().commitLiveChanges();
    expect(sent.at(-1)).toEqual({ type: 'set-hyperparameters', change: { negatives: 31 } });
    expect(store.getState().guidedLesson?.done).toBe(true);
  });

  it('does not tick a check already met when the step opens, until it is undone and done again', () => {
    const { store, stepTo } = connectedStore();
    store.getState().openGuidedLesson('shortcuts', 0);
    stepTo(3);
    // Step 4 asks for batch norm and checks for layer norm, which the model still uses until the rebuild.
    store.getState().goToLessonStep(3);
    expect(store.getState().appliedConfig.norm).toBe('layer');
    expect(store.getState().guidedLesson?.done).toBe(false);
    store.getState().applyPendingLessonSetup();
    store.getState().setDraftField('norm', 'layer');
    store.getState().confirmRebuild();
    expect(store.getState().guidedLesson?.done).toBe(true);
  });

  it('ticks a probe check only for a probe run after the step opened', () => {
    const { store } = connectedStore();
    store.getState().noteLessonEvent({ probes: 1, lastProbe: { step: 0, feature: 'grid3-z' } });
    store.getState().openGuidedLesson('does-it-learn', 0);
    expect(store.getState().guidedLesson?.done).toBe(false);
    store.getState().noteLessonEvent({ probes: 2, lastProbe: { step: 0, feature: 'grid3-z' } });
    expect(store.getState().guidedLesson?.done).toBe(true);
  });
});
