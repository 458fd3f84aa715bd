import type { WorkerCommand, WorkerEvent } from '../../worker/protocol';
import type { WorkerConnection } from '../store/runSlice';

/** Commands the worker answers with one event carrying the same requestId. */
export type RequestCommand = Extract<WorkerCommand, { requestId: number }>;

const REPLY_TYPE = {
  'save-checkpoint': 'checkpoint',
  'export-encoder': 'encoder-export',
  'request-embeddings': 'embeddings',
  'hand-over': 'handed-over',
} as const satisfies Record<RequestCommand['type'], WorkerEvent['type']>;

export type ReplyTo<C extends RequestCommand> = Extract<
  WorkerEvent,
  { type: (typeof REPLY_TYPE)[C['type']] }
>;

/**
 * Sends a request and resolves with the worker's answer to it. Rejects with the worker's message when
 * it reports `request-failed` for this id, or when the worker crashes before answering (it never will).
 */
export function requestFromWorker<C extends RequestCommand>(
  connection: WorkerConnection,
  command: C,
): Promise<ReplyTo<C>> {
  return new Promise((resolve, reject) => {
    const unsubscribe = [
      connection.on(REPLY_TYPE[command.type], (event) => {
        if (event.requestId !== command.requestId) return;
        stop();
        resolve(event as ReplyTo<C>);
      }),
      connection.on('request-failed', (event) => {
        if (event.requestId !== command.requestId) return;
        stop();
        reject(new Error(event.message));
      }),
      connection.on('crash', (event) => {
        stop();
        reject(new Error(`The training worker stopped before answering: ${event.message}`));
      }),
    ];
    const stop = () => unsubscribe.forEach((off) => off());
    connection.send(command);
  });
}
