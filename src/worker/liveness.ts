/**
 * Knowing that a worker died without waiting for a timeout. A worker that the browser ends (out of memory,
 * `self.close()`, a crash) fires no event on the page. But the browser releases every Web Lock a worker
 * holds when it ends: the worker takes a lock of its own at start-up and never lets it go; the page asks
 * for the same lock, and is granted it exactly when the worker is gone.
 */

/** The part of `navigator.locks` (LockManager) used here, so tests can pass a fake. */
export interface LockRequester {
  request(name: string, options: { signal?: AbortSignal }, callback: () => unknown): Promise<unknown>;
}

/** `navigator.locks` where the browser has it (a secure context), else null: no watch, no false alarm. */
export function browserLocks(): LockRequester | null {
  return (globalThis.navigator as Navigator | undefined)?.locks ?? null;
}

/**
 * In the worker: takes `name` for the worker's lifetime and calls `onHeld` once it holds it (only then may
 * the page ask for it, or the page would get it first).
 */
export function holdLivenessLock(locks: LockRequester, name: string, onHeld: (name: string) => void): void {
  void locks.request(name, {}, () => {
    onHeld(name);
    return new Promise<never>(() => {});
  });
}

/** A lock name no other worker (of this page or another tab) has. */
export function livenessLockName(): string {
  return `cpc-training-worker-${crypto.randomUUID()}`;
}

/**
 * On the page: calls `onDeath` once the worker holding `lock` has ended, unless the returned `stop` is
 * called first (the page ends or hands the worker on itself, which is no death to report).
 */
export function watchLiveness(locks: LockRequester, lock: string, onDeath: () => void): () => void {
  const abort = new AbortController();
  let watching = true;
  locks
    .request(lock, { signal: abort.signal }, () => {
      if (watching) onDeath();
    })
    // Rejected with an AbortError when stopped before the worker ended.
    .catch(() => {});
  return () => {
    watching = false;
    abort.abort();
  };
}
