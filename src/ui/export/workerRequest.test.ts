import { describe, expect, it } from 'vitest';
import type { ClientEvent, ClientEventType } from '../../worker/client';
import type { WorkerCommand } from '../../worker/protocol';
import type { WorkerConnection } from '../store/runSlice';
import { requestFromWorker } from './workerRequest';

/** A connection whose worker is played by the test: `emit` delivers an event to the subscribers. */
function fakeConnection() {
  const sent: WorkerCommand[] = [];
  const handlers = new Map<ClientEventType, Set<(event: ClientEvent) => void>>();
  const connection = {
    send: (command: WorkerCommand) => void sent.push(command),
    on: (type: ClientEventType, handler: (event: ClientEvent) => void) => {
      const set = handlers.get(type) ?? new Set();
      handlers.set(type, set);
      set.add(handler);
      return () => set.delete(handler);
    },
  } as unknown as WorkerConnection;
  const emit = (event: ClientEvent) => handlers.get(event.type)?.forEach((h) => h(event));
  const subscribers = () => [...handlers.values()].reduce((n, set) => n + set.size, 0);
  return { connection, sent, emit, subscribers };
}

const encoderReply = (requestId: number) => ({
  type: 'encoder-export' as const,
  requestId,
  step: 3,
  modelJson: '{}',
  weightsFileName: 'w.bin',
  weights: new ArrayBuffer(4),
});

describe('requestFromWorker', () => {
  it('sends the command and resolves with the reply of the same id only', async () => {
    const { connection, sent, emit, subscribers } = fakeConnection();
    const reply = requestFromWorker(connection, { type: 'export-encoder', requestId: 7 });
    expect(sent).toEqual([{ type: 'export-encoder', requestId: 7 }]);
    emit(encoderReply(6));
    emit({ type: 'request-failed', requestId: 6, message: 'not mine' });
    emit(encoderReply(7));
    await expect(reply).resolves.toMatchObject({ requestId: 7, step: 3 });
    expect(subscribers()).toBe(0);
  });

  it("rejects with the worker's message on request-failed", async () => {
    const { connection, emit, subscribers } = fakeConnection();
    const reply = requestFromWorker(connection, { type: 'request-embeddings', requestId: 2 });
    emit({ type: 'request-failed', requestId: 2, message: 'No images loaded.' });
    await expect(reply).rejects.toThrow('No images loaded.');
    expect(subscribers()).toBe(0);
  });

  it('rejects when the worker crashes before answering', async () => {
    const { connection, emit } = fakeConnection();
    const reply = requestFromWorker(connection, { type: 'save-checkpoint', requestId: 1, extra: {} });
    emit({ type: 'crash', message: 'out of memory' });
    await expect(reply).rejects.toThrow(/stopped before answering: out of memory/);
  });
});
