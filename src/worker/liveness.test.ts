import { describe, expect, it } from 'vitest';
import { TrainingClient, WORKER_GONE, type ClientEvent } from './client';
import { holdLivenessLock, watchLiveness, type LockRequester } from './liveness';
import type { WorkerEvent } from './protocol';

/** Web Locks as the browser grants them: one holder per name, waiters in order, abortable while waiting. */
class FakeLocks implements LockRequester {
  private readonly holders = new Map<string, () => void>();
  private readonly waiting = new Map<string, (() => void)[]>();

  request(name: string, options: { signal?: AbortSignal }, callback: () => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const grant = () => {
        const result = Promise.resolve(callback());
        this.holders.set(name, () => resolve(result));
        void result.then(() => this.release(name));
      };
      if (!this.holders.has(name)) return grant();
      const queue = this.waiting.get(name) ?? [];
      this.waiting.set(name, [...queue, grant]);
      options.signal?.addEventListener('abort', () => {
        this.waiting.set(
          name,
          (this.waiting.get(name) ?? []).filter((g) => g !== grant),
        );
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  }

  /** What the browser does when the holder (a worker) ends. */
  release(name: string): void {
    this.holders.get(name)?.();
    this.holders.delete(name);
    const [next, ...rest] = this.waiting.get(name) ?? [];
    this.waiting.set(name, rest);
    next?.();
  }

  waiters(name: string): number {
    return this.waiting.get(name)?.length ?? 0;
  }
}

class FakeWorker {
  terminated = false;
  onmessage: ((message: { data: WorkerEvent }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  onerror: (() => void) | null = null;
  postMessage(): void {}
  terminate(): void {
    this.terminated = true;
  }
  say(event: WorkerEvent): void {
    this.onmessage?.({ data: event });
  }
}

/** A worker that holds `lock`, and told its client so. */
function workerHolding(locks: FakeLocks, lock: string): FakeWorker {
  const worker = new FakeWorker();
  holdLivenessLock(locks, lock, () => {});
  return worker;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function clientOf(worker: FakeWorker, locks: FakeLocks) {
  const client = new TrainingClient(worker as unknown as Worker, locks);
  const crashes: ClientEvent[] = [];
  const heard: ClientEvent[] = [];
  client.on('crash', (event) => crashes.push(event));
  client.on('state', (event) => heard.push(event));
  return { client, crashes, heard };
}

describe('watchLiveness', () => {
  it('reports the death once the holder lets go of the lock, not before', async () => {
    const locks = new FakeLocks();
    holdLivenessLock(locks, 'w1', () => {});
    let deaths = 0;
    watchLiveness(locks, 'w1', () => deaths++);
    await flush();
    expect(deaths).toBe(0);
    locks.release('w1');
    await flush();
    expect(deaths).toBe(1);
  });

  it('withdraws its request when stopped, so an ending it caused is no death', async () => {
    const locks = new FakeLocks();
    holdLivenessLock(locks, 'w1', () => {});
    let deaths = 0;
    const stop = watchLiveness(locks, 'w1', () => deaths++);
    expect(locks.waiters('w1')).toBe(1);
    stop();
    expect(locks.waiters('w1')).toBe(0);
    locks.release('w1');
    await flush();
    expect(deaths).toBe(0);
  });
});

describe('holdLivenessLock', () => {
  it('tells its name only once it holds the lock', () => {
    const locks = new FakeLocks();
    holdLivenessLock(locks, 'taken', () => {});
    const told: string[] = [];
    holdLivenessLock(locks, 'taken', (name) => told.push(name));
    expect(told).toEqual([]);
    locks.release('taken');
    expect(told).toEqual(['taken']);
  });
});

describe('TrainingClient liveness', () => {
  it('emits crash when its worker ends by itself, and hides the lock message from subscribers', async () => {
    const locks = new FakeLocks();
    const worker = workerHolding(locks, 'w1');
    const { crashes, heard } = clientOf(worker, locks);
    worker.say({ type: 'liveness-lock', lock: 'w1' });
    worker.say({ type: 'state', running: true, step: 3 });
    locks.release('w1');
    await flush();
    expect(crashes).toEqual([{ type: 'crash', message: WORKER_GONE }]);
    expect(heard).toEqual([{ type: 'state', running: true, step: 3 }]);
  });

  it('does not report a worker it terminated itself', async () => {
    const locks = new FakeLocks();
    const worker = workerHolding(locks, 'w1');
    const { client, crashes } = clientOf(worker, locks);
    worker.say({ type: 'liveness-lock', lock: 'w1' });
    client.terminate();
    locks.release('w1');
    await flush();
    expect(worker.terminated).toBe(true);
    expect(crashes).toEqual([]);
  });

  it('a worker handed over (backendMover) is watched by its new client only', async () => {
    const locks = new FakeLocks();
    const training = workerHolding(locks, 'training');
    const candidate = workerHolding(locks, 'candidate');
    const main = clientOf(training, locks);
    const side = clientOf(candidate, locks);
    training.say({ type: 'liveness-lock', lock: 'training' });
    candidate.say({ type: 'liveness-lock', lock: 'candidate' });

    main.client.replaceWorker(side.client.release());
    // The replaced worker is terminated on purpose: no crash for it.
    locks.release('training');
    await flush();
    expect(training.terminated).toBe(true);
    expect(main.crashes).toEqual([]);

    locks.release('candidate');
    await flush();
    expect(main.crashes).toEqual([{ type: 'crash', message: WORKER_GONE }]);
    expect(side.crashes).toEqual([]);
  });
});
