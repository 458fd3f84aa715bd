import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import type { ImportResult } from '../../datasets/assembleImport';
import type { WorkerCommand } from '../../worker/protocol';
import { createPlaygroundStore } from '../store/playgroundStore';
import { requestDataImport, type DecodeFiles } from './dataImport';

const EMPTY: ImportResult = {
  set: { pixels: new Uint8Array(0), count: 0, size: 64, channels: 3, labels: null, classNames: [] },
  skipped: [],
  upscaled: 0,
  nativeSide: 0,
  sides: [],
  heldOut: 0,
  colour: false,
};

function connected() {
  const store = createPlaygroundStore({
    config: DEFAULT_CONFIG,
    backend: 'wasm',
    dataset: { kind: 'builtin', name: 'fashion-mnist' },
  });
  const sent: WorkerCommand[] = [];
  const connect = () => {
    const mine: WorkerCommand[] = [];
    store
      .getState()
      .connect({ send: (command) => void (sent.push(command), mine.push(command)), on: () => () => true });
    return mine;
  };
  const holds = (commands: WorkerCommand[]) =>
    commands.flatMap((c) => (c.type === 'hold-probes' ? [c.held] : []));
  // A decode the test ends by hand.
  let finish: (ok: boolean) => void = () => {};
  const decode: DecodeFiles = (_files, { signal }) =>
    new Promise((resolve, reject) => {
      finish = (ok) => (ok ? resolve(EMPTY) : reject(new Error('broken')));
      signal?.addEventListener('abort', () => reject(new DOMException('Import cancelled.', 'AbortError')));
    });
  return { store, sent, connect, holds, decode, finish: (ok: boolean) => finish(ok) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('holding the automatic probes while an import decodes', () => {
  it('holds them from the start of an import to its end, whether it succeeds, fails or is cancelled', async () => {
    const { store, sent, connect, holds, decode, finish } = connected();
    connect();
    expect(holds(sent)).toEqual([]); // a new worker's probes are free: nothing to say

    const first = requestDataImport(store, 'photos', async () => [], decode);
    await settle();
    expect(holds(sent)).toEqual([true]);
    store.getState().dataImportProgress(store.getState().importSerial, 1, 2); // progress changes nothing
    expect(holds(sent)).toEqual([true]);
    finish(true);
    await first;
    expect(holds(sent)).toEqual([true, false]);

    const failing = requestDataImport(store, 'photos', async () => [], decode);
    await settle();
    finish(false);
    await failing;
    expect(store.getState().dataImport.phase).toBe('failed');
    expect(holds(sent)).toEqual([true, false, true, false]);

    const cancelled = requestDataImport(store, 'photos', async () => [], decode);
    await settle();
    store.getState().cancelDataImport();
    await cancelled;
    expect(holds(sent)).toEqual([true, false, true, false, true, false]);
  });

  it('tells a worker connected in the middle of an import, and only the new one after that', async () => {
    const { store, connect, holds, decode, finish } = connected();
    const old = connect();
    const running = requestDataImport(store, 'photos', async () => [], decode);
    await settle();
    store.getState().disconnect();
    const restarted = connect();
    expect(holds(old)).toEqual([true]);
    expect(holds(restarted)).toEqual([true]);
    finish(true);
    await running;
    expect(holds(old)).toEqual([true]);
    expect(holds(restarted)).toEqual([true, false]);
  });
});
