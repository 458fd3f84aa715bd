import { browserLocks, watchLiveness, type LockRequester } from './liveness';
import type { WorkerCommand, WorkerEvent } from './protocol';
/** How a dataset goes with a command: shared, or copied and transferred (the page keeps its own). */
export { datasetForInit } from './datasetForInit';

/**
 * What the page hears: the worker's events, plus `crash` when the worker itself failed (it cannot say so)
 * and `backend-checked` when a faster backend was looked for and the run stayed (backendMover.ts).
 */
export type ClientEvent =
  WorkerEvent | { type: 'crash'; message: string } | { type: 'backend-checked'; message: string };
export type ClientEventType = ClientEvent['type'];
type Handler<T extends ClientEventType> = (event: Extract<ClientEvent, { type: T }>) => void;

/** Settings a worker keeps across runs: a worker that takes the run over is sent the latest of each. */
const SETTING_TYPES = ['set-visualisation', 'set-image-feature', 'set-probe-schedule'] as const;
type SettingCommand = Extract<WorkerCommand, { type: (typeof SETTING_TYPES)[number] }>;

/** What the page says when the worker ended without a word (liveness.ts noticed). */
export const WORKER_GONE = 'it ended without a word (out of memory, or closed by the browser).';

/** A worker handed from one client to another, with the liveness lock it holds (null: not heard yet). */
export interface WorkerHandle {
  worker: Worker;
  lock: string | null;
}

export function createTrainingWorker(): Worker {
  return new Worker(new URL('./training.worker.ts', import.meta.url), {
    type: 'module',
    name: 'cpc-training',
  });
}

/**
 * The page's typed handle on the training worker. One client per worker at a time; terminate() ends
 * both. The worker can be replaced under it (a run moving to a faster backend, backendMover.ts): the
 * subscribers stay, and commands sent meanwhile wait for the new worker.
 */
export class TrainingClient {
  private readonly handlers = new Map<ClientEventType, Set<(event: ClientEvent) => void>>();
  private readonly settings = new Map<SettingCommand['type'], SettingCommand>();
  /** Commands held while the run is handed over; null when commands go straight to the worker. */
  private held: { command: WorkerCommand; transfer: Transferable[] }[] | null = null;
  /** Sees every command as it is posted (backendMover.ts reads the run's config and dataset from them). */
  onCommand: ((command: WorkerCommand) => void) | null = null;
  /** The current worker's liveness lock, and how to stop watching it (the page ends the worker itself). */
  private lock: string | null = null;
  private stopWatching: () => void = () => {};

  /** `locks`: null where the browser has no Web Locks; a worker's death then goes unnoticed. */
  constructor(
    private worker: Worker = createTrainingWorker(),
    private readonly locks: LockRequester | null = browserLocks(),
  ) {
    this.attach(worker);
  }

  /** `transfer`: buffers inside the command that the worker takes over (an imported set's pixels). */
  send(command: WorkerCommand, transfer: Transferable[] = []): void {
    if (this.held) this.held.push({ command, transfer });
    else this.post(command, transfer);
  }

  /** Posts at once, even while commands are held (the hand-over itself). */
  post(command: WorkerCommand, transfer: Transferable[] = []): void {
    if ((SETTING_TYPES as readonly string[]).includes(command.type))
      this.settings.set(command.type as SettingCommand['type'], command as SettingCommand);
    this.onCommand?.(command);
    this.worker.postMessage(command, transfer);
  }

  /** From now on `send` queues commands until replaceWorker or releaseCommands. */
  holdCommands(): void {
    this.held ??= [];
  }

  /** Sends the held commands to the current worker (a hand-over that failed). */
  releaseCommands(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const { command, transfer } of held) this.post(command, transfer);
  }

  /**
   * Terminates the current worker and talks to `next` from now on: it gets the latest settings, then the
   * commands held meanwhile. Events `next` posted before this call were not seen by the subscribers.
   */
  replaceWorker(next: WorkerHandle): void {
    this.detach(this.worker);
    this.worker.terminate();
    this.worker = next.worker;
    this.attach(next.worker);
    if (next.lock !== null) this.watch(next.lock);
    for (const setting of this.settings.values()) next.worker.postMessage(setting);
    this.releaseCommands();
  }

  /** Stops listening to the worker without terminating it: the caller hands it to another client. */
  release(): WorkerHandle {
    const lock = this.lock;
    this.detach(this.worker);
    this.handlers.clear();
    return { worker: this.worker, lock };
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
    this.detach(this.worker);
    this.worker.terminate();
    this.handlers.clear();
    this.held = null;
  }

  /** Events that come from the page itself (backendMover.ts), delivered like the worker's. */
  emit(event: ClientEvent): void {
    this.handlers.get(event.type)?.forEach((handler) => handler(event));
  }

  private attach(worker: Worker): void {
    worker.onmessage = (message: MessageEvent<WorkerEvent>) => {
      if (message.data.type === 'liveness-lock') this.watch(message.data.lock);
      else this.emit(message.data);
    };
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

  /** From now on a grant of `lock` means the worker ended, and the page hears `crash`. */
  private watch(lock: string): void {
    this.stopWatching();
    this.lock = lock;
    if (!this.locks) return;
    this.stopWatching = watchLiveness(this.locks, lock, () => {
      this.stopWatching = () => {};
      this.emit({ type: 'crash', message: WORKER_GONE });
    });
  }

  /** Also stops the liveness watch: whatever happens to the worker next is the caller's doing. */
  private detach(worker: Worker): void {
    this.stopWatching();
    this.stopWatching = () => {};
    this.lock = null;
    worker.onmessage = null;
    worker.onmessageerror = null;
    worker.onerror = null;
  }
}
