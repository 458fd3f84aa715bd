import type { WorkerCommand, WorkerEvent } from './protocol';

/** What the page hears: the worker's events, plus `crash` when the worker itself failed (it cannot say so). */
export type ClientEvent = WorkerEvent | { type: 'crash'; message: string };
export type ClientEventType = ClientEvent['type'];
type Handler<T extends ClientEventType> = (event: Extract<ClientEvent, { type: T }>) => void;

export function createTrainingWorker(): Worker {
  return new Worker(new URL('./training.worker.ts', import.meta.url), {
    type: 'module',
    name: 'cpc-training',
  });
}

/** The page's typed handle on the training worker. One client per worker; terminate() ends both. */
export class TrainingClient {
  private readonly handlers = new Map<ClientEventType, Set<(event: ClientEvent) => void>>();

  constructor(private readonly worker: Worker = createTrainingWorker()) {
    worker.onmessage = (message: MessageEvent<WorkerEvent>) => this.emit(message.data);
    worker.onmessageerror = () =>
      this.emit({
        type: 'error',
        message: 'A message from the training worker could not be read.',
        recoverable: true,
      });
    // Fires when the worker script fails to load or throws past every handler inside it.
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.emit({ type: 'crash', message: event.message || 'The training worker stopped unexpectedly.' });
    };
  }

  /** `transfer`: buffers inside the command that the worker takes over (an imported set's pixels). */
  send(command: WorkerCommand, transfer: Transferable[] = []): void {
    this.worker.postMessage(command, transfer);
  }

  /** Subscribes to one event type; returns the unsubscribe function. */
  on<T extends ClientEventType>(type: T, handler: Handler<T>): () => void {
    const set = this.handlers.get(type) ?? new Set();
    this.handlers.set(type, set);
    const untyped = handler as (event: ClientEvent) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  terminate(): void {
    this.worker.terminate();
    this.handlers.clear();
  }

  private emit(event: ClientEvent): void {
    this.handlers.get(event.type)?.forEach((handler) => handler(event));
  }
}
