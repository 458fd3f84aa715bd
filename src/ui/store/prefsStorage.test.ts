import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import type { MetricsRow } from '../../worker/protocol';
import { createPlaygroundStore } from './playgroundStore';
import { writeOnChange } from './prefsStorage';

/** A map-backed storage that counts its writes. */
function countingStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  const writes: [string, string][] = [];
  return {
    items,
    writes,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      writes.push([key, value]);
      items.set(key, value);
    },
    removeItem: (key: string) => void items.delete(key),
  };
}

const row = (step: number): MetricsRow => ({
  step,
  loss: 2,
  accuracy: 0.5,
  ks: [2],
  lossPerK: [2],
  accuracyPerK: [0.5],
  gradNorm: 1,
  learningRate: 1e-3,
  finite: true,
  batchSize: 4,
  stepMs: 5,
});

describe('writeOnChange', () => {
  it('skips a write of the text last written or read, and writes a changed one', () => {
    const inner = countingStorage({ prefs: 'a' });
    const storage = writeOnChange(inner);
    expect(storage.getItem('prefs')).toBe('a');
    storage.setItem('prefs', 'a');
    storage.setItem('prefs', 'b');
    storage.setItem('prefs', 'b');
    storage.setItem('other', 'b');
    expect(inner.writes).toEqual([
      ['prefs', 'b'],
      ['other', 'b'],
    ]);
  });

  it('writes again after a removal', () => {
    const inner = countingStorage();
    const storage = writeOnChange(inner);
    storage.setItem('prefs', 'a');
    storage.removeItem('prefs');
    storage.setItem('prefs', 'a');
    expect(inner.writes).toHaveLength(2);
    expect(inner.items.get('prefs')).toBe('a');
  });

  it('keeps metrics messages out of storage; a preference change is still saved', () => {
    const inner = countingStorage();
    const store = createPlaygroundStore(
      { config: DEFAULT_CONFIG, backend: 'wasm', dataset: { kind: 'synthetic', count: 8 } },
      inner,
    );
    store.getState().togglePanel('data');
    const afterToggle = inner.writes.length;
    expect(afterToggle).toBeGreaterThan(0);
    for (let step = 1; step <= 20; step++)
      store.getState().handleEvent({
        type: 'metrics',
        rows: [row(step)],
        stepsPerSecond: 5,
        imagesPerSecond: 80,
        memory: { numTensors: 10, numBytes: 100 },
      });
    expect(store.getState().run.step).toBe(20);
    expect(inner.writes).toHaveLength(afterToggle);
    store.getState().togglePanel('data');
    expect(inner.writes).toHaveLength(afterToggle + 1);
    expect(JSON.parse(inner.writes[inner.writes.length - 1][1]).state.hiddenPanels).toEqual([]);
  });
});
