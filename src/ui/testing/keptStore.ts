import { expect, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import type { ClientEvent } from '../../worker/client';
import type { DatasetSpec, WorkerCommand } from '../../worker/protocol';
import { createMemoryRunStore } from '../keep/memoryRunStore';
import type { RunStore } from '../keep/savedRun';
import { testRow } from './testRuns';
import { createPlaygroundStore } from '../store/playgroundStore';

const dataset = { kind: 'synthetic', count: 8 } as const;
export const readyInfo = {
  title: 's',
  trainCount: 8,
  testCount: 0,
  classNames: [],
  classCounts: [],
  loadMs: 1,
};
const memory = { numTensors: 1, numBytes: 1 };

/**
 * A store on a fake worker with a run store attached and a ready run at step 0, fed events as the page's
 * hooks feed them; `sent` collects the commands it sends.
 */
export async function keptStore(runStore: RunStore = createMemoryRunStore(), spec: DatasetSpec = dataset) {
  const sent: WorkerCommand[] = [];
  const store = createPlaygroundStore({ config: DEFAULT_CONFIG, backend: 'wasm', dataset: spec });
  store.getState().connect({ send: (command) => void sent.push(command), on: () => () => true });
  await store.getState().attachRunStore(runStore);
  // What the page's hooks do: every event goes to the run slice, then to the keep slice.
  const emit = (event: ClientEvent) => {
    store.getState().handleEvent(event);
    store.getState().keepEvent(event);
  };
  emit({ type: 'ready', backend: 'wasm', reason: 'r', warmupMs: 1, dataset: readyInfo });
  emit({ type: 'state', running: false, step: 0 });
  const train = (from: number, to: number) => {
    const rows = [];
    for (let step = from; step <= to; step++) rows.push(testRow(step, 3 - step / 10));
    emit({ type: 'metrics', rows, stepsPerSecond: 1, imagesPerSecond: 4, memory });
  };
  const saveRequests = () => sent.filter((c) => c.type === 'save-checkpoint');
  return { store, sent, emit, train, saveRequests, runStore };
}

export type KeptStore = Awaited<ReturnType<typeof keptStore>>;

/** The worker's answer to save request `requestId`. */
export const checkpointAnswer = (requestId: number, step: number): ClientEvent => ({
  type: 'checkpoint',
  requestId,
  step,
  bytes: new Uint8Array([9, 8, 7]),
  saveMs: 12,
});

/** Trains to `step` on Start and pauses, which asks for a save; returns that request's id. */
export function trainAndPause(kept: KeptStore, from: number, step: number): number {
  kept.emit({ type: 'state', running: true, step: from });
  kept.train(from + 1, step);
  kept.emit({ type: 'state', running: false, step });
  return (kept.saveRequests().at(-1) as { requestId: number }).requestId;
}

/** A store whose run on `spec` was saved at `step` (autosave off: the pause saved it). */
export async function savedAt(step: number, spec?: DatasetSpec): Promise<KeptStore> {
  const kept = await keptStore(undefined, spec);
  kept.store.getState().setAutosaveEvery(0);
  kept.emit(checkpointAnswer(trainAndPause(kept, 0, step), step));
  await vi.waitFor(() => expect(kept.store.getState().savedRuns.map((r) => r.step)).toEqual([step]));
  return kept;
}
