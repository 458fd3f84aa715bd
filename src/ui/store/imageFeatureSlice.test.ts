import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import type { WorkerCommand } from '../../worker/protocol';
import { NO_LESSON } from '../share/lessonOptions';
import { createPlaygroundStore } from './playgroundStore';

const dataset = { kind: 'synthetic', count: 8 } as const;

function connectedStore() {
  const store = createPlaygroundStore({
    config: DEFAULT_CONFIG,
    backend: 'wasm',
    dataset,
    lesson: NO_LESSON,
  });
  const sent: WorkerCommand[] = [];
  const connect = () => store.getState().connect({ send: (c) => void sent.push(c), on: () => () => true });
  connect();
  return { store, sent, connect };
}

describe('image feature slice', () => {
  it('tells the worker at once, and tells a new worker only when the page left the default', () => {
    const { store, sent, connect } = connectedStore();
    expect(store.getState().imageFeature).toBe('grid3-z');
    expect(sent.map((c) => c.type)).toEqual(['init']);

    store.getState().setImageFeature('mean-z');
    expect(store.getState().imageFeature).toBe('mean-z');
    expect(sent.at(-1)).toEqual({ type: 'set-image-feature', feature: 'mean-z' });

    // A restarted worker starts at the default: it hears the page's choice before its init.
    sent.length = 0;
    connect();
    expect(sent.map((c) => c.type)).toEqual(['set-image-feature', 'init']);
    expect(sent[0]).toEqual({ type: 'set-image-feature', feature: 'mean-z' });
  });

  it('records the feature, raw pixels and per-feature scores of each probe in the history', () => {
    const { store } = connectedStore();
    const scores = { cpc: { linear: 0.75, knn: 0.5 }, randomInit: { linear: 0.5, knn: 0.25 } };
    store.getState().handleEvent({
      type: 'probe',
      step: 3,
      available: true,
      feature: 'grid3-z',
      ...scores,
      pixels: { linear: 0.625, knn: 0.375 },
      features: { 'grid3-z': scores },
      trainImages: 10,
      testImages: 5,
      testSource: 'training-split',
      durationMs: 1,
    });
    expect(store.getState().probeHistory).toEqual([
      {
        step: 3,
        feature: 'grid3-z',
        ...scores,
        pixels: { linear: 0.625, knn: 0.375 },
        features: { 'grid3-z': scores },
      },
    ]);
  });
});
