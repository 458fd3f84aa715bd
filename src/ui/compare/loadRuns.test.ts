import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import type { RunStore, SavedRun } from '../keep/savedRun';
import { EMPTY_HISTORY } from '../store/metricsHistory';
import { loadRuns } from './loadRuns';

/** Just enough of a RunStore: runs in a Map, counting reads. */
function mapRunStore(runs: SavedRun[]): Pick<RunStore, 'get'> & { reads: string[] } {
  const byId = new Map(runs.map((run) => [run.id, run]));
  const reads: string[] = [];
  return {
    reads,
    get: async (id) => {
      reads.push(id);
      return byId.get(id) ?? null;
    },
  };
}

const run = (id: string): SavedRun => ({
  id,
  name: id,
  dataset: { kind: 'synthetic', count: 8 },
  datasetTitle: 'Synthetic shapes',
  presetId: null,
  config: DEFAULT_CONFIG,
  backend: 'wasm',
  step: 0,
  lastProbe: null,
  checkpointBytes: 3,
  storedImagesBytes: 0,
  createdAt: 0,
  updatedAt: 0,
  checkpoint: new Uint8Array(3),
  history: EMPTY_HISTORY,
  probeHistory: [],
});

describe('loadRuns', () => {
  it('returns the chosen runs in the order chosen and names the ones that are gone', async () => {
    const store = mapRunStore([run('a'), run('b'), run('c')]);
    const { runs, missing } = await loadRuns(store, ['c', 'gone', 'a']);
    expect(runs.map((r) => r.id)).toEqual(['c', 'a']);
    expect(missing).toEqual(['gone']);
    expect(store.reads).toEqual(['c', 'gone', 'a']);
  });

  it('passes on a storage error', async () => {
    const store = { get: async () => Promise.reject(new Error('The browser refused storage.')) };
    await expect(loadRuns(store, ['a'])).rejects.toThrow('The browser refused storage.');
  });
});
