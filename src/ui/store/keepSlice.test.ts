import { describe, expect, it } from 'vitest';
import { createMemoryRunStore } from '../keep/memoryRunStore';
import { testSavedRun } from '../testing/testRuns';
import { keptStore } from '../testing/keptStore';

describe('keep slice: the saved runs', () => {
  it('renames and deletes saved runs', async () => {
    const runStore = createMemoryRunStore();
    await runStore.save(testSavedRun('a', 5));
    const { store } = await keptStore(runStore);
    await store.getState().renameRun('a', '  GRU  ');
    expect(store.getState().savedRuns.map((r) => r.name)).toEqual(['GRU']);
    await store.getState().deleteRun('a');
    expect(store.getState().savedRuns).toEqual([]);
    expect(store.getState().resumeOffer).toBeNull();
  });
});
