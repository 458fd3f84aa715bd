import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import type { WorkerCommand } from '../../worker/protocol';
import { fitTextures } from '../data/fitImport';
import { createPlaygroundStore } from './playgroundStore';

const start = { kind: 'synthetic', count: 8 } as const;
const textures = { kind: 'textures', count: 20 } as const;
const info = { title: 's', trainCount: 8, testCount: 0, classNames: [], classCounts: [], loadMs: 1 };

function storeAtStep(step: number) {
  const sent: WorkerCommand[] = [];
  const store = createPlaygroundStore({ config: DEFAULT_CONFIG, backend: 'wasm', dataset: start });
  store.getState().connect({ send: (command) => void sent.push(command), on: () => () => true });
  store.getState().handleEvent({ type: 'ready', backend: 'wasm', reason: 'r', warmupMs: 1, dataset: info });
  store.getState().handleEvent({ type: 'state', running: false, step });
  return { store, sent };
}

describe('a set chosen with a fitted config', () => {
  it('takes effect at once before the first step: set, config and a new init', () => {
    const { store, sent } = storeAtStep(0);
    const fit = fitTextures(DEFAULT_CONFIG);
    store.getState().setFieldError('learningRate', 'not a number');
    store.getState().chooseFittedDataset(textures, fit);
    const state = store.getState();
    expect(state.dataset).toBe(textures);
    expect([state.appliedConfig, state.draftConfig]).toEqual([fit.config, fit.config]);
    expect(state.fieldErrors).toEqual({});
    expect(state.fittedDataset).toEqual({ dataset: textures, fit, status: 'applied' });
    expect(sent.at(-1)).toEqual({ type: 'init', config: fit.config, backend: 'wasm', dataset: textures });
  });

  it('waits for the word once training has started, and then switches', () => {
    const { store, sent } = storeAtStep(5);
    const fit = fitTextures(DEFAULT_CONFIG);
    store.getState().chooseFittedDataset(textures, fit);
    expect(store.getState()).toMatchObject({ dataset: start, appliedConfig: DEFAULT_CONFIG });
    expect(store.getState().fittedDataset?.status).toBe('pending');
    expect(sent).toHaveLength(1);

    store.getState().confirmFittedDataset();
    expect(store.getState()).toMatchObject({ dataset: textures, appliedConfig: fit.config });
    expect(store.getState().fittedDataset?.status).toBe('applied');
    expect(sent.at(-1)).toMatchObject({ type: 'init', config: fit.config, dataset: textures });
  });

  it('keeps the run when the user declines, and a confirm after that does nothing', () => {
    const { store, sent } = storeAtStep(5);
    store.getState().chooseFittedDataset(textures, fitTextures(DEFAULT_CONFIG));
    store.getState().declineFittedDataset();
    store.getState().confirmFittedDataset();
    expect(store.getState()).toMatchObject({ dataset: start, appliedConfig: DEFAULT_CONFIG });
    expect(store.getState().fittedDataset?.status).toBe('declined');
    expect(sent).toHaveLength(1);
  });

  it('keeps later edits (nothing re-fits) and forgets the fit when a set comes without one', () => {
    const { store } = storeAtStep(0);
    store.getState().chooseFittedDataset(textures, fitTextures(DEFAULT_CONFIG));
    store.getState().setDraftField('imageSize', 48);
    store.getState().confirmRebuild();
    expect(store.getState().appliedConfig.imageSize).toBe(48);
    store.getState().setDataset(start);
    expect(store.getState().appliedConfig.imageSize).toBe(48);
    expect(store.getState().fittedDataset).toBeNull();
  });
});
