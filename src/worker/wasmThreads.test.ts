import { describe, expect, it } from 'vitest';
import { endIdlePthreads, MAX_WASM_THREADS, wasmThreadsFor, withReportedCores } from './wasmThreads';

describe('wasmThreadsFor', () => {
  it('gives one thread per reported core, from one to MAX_WASM_THREADS', () => {
    expect(MAX_WASM_THREADS).toBe(4);
    expect([1, 2, 3, 4, 8, 64].map(wasmThreadsFor)).toEqual([1, 2, 3, 4, 4, 4]);
  });

  it('gives one where the browser reports nothing usable', () => {
    expect([undefined, 0, -2, NaN, Infinity].map(wasmThreadsFor)).toEqual([1, 1, 1, 1, 1]);
    expect(wasmThreadsFor(2.5)).toBe(2);
  });
});

describe('withReportedCores', () => {
  /** A stand-in for a worker's navigator: the count is a getter on its prototype, as in browsers. */
  const navigatorWith = (cores: number) =>
    Object.create({
      get hardwareConcurrency() {
        return cores;
      },
    });

  it('reports twice the threads while the backend starts, so that tfjs-wasm’s halving gives them', async () => {
    const holder = navigatorWith(2);
    const seen = await withReportedCores(holder, 3, async () => holder.hardwareConcurrency);
    expect(seen).toBe(6);
    expect(holder.hardwareConcurrency).toBe(2);
  });

  it('puts the browser’s value back when the start fails', async () => {
    const holder = navigatorWith(8);
    await expect(
      withReportedCores(holder, 2, () => Promise.reject(new Error('no answer within 15 s'))),
    ).rejects.toThrow('no answer');
    expect(holder.hardwareConcurrency).toBe(8);
    expect(Object.getOwnPropertyNames(holder)).toEqual([]);
  });
});

describe('endIdlePthreads', () => {
  it('ends the pthread workers no thread runs on, and leaves none listed', () => {
    const ended: number[] = [];
    const worker = (id: number) => ({ terminate: () => ended.push(id) });
    const module = { PThread: { unusedWorkers: [worker(1), worker(2), worker(3)] } };
    expect(endIdlePthreads(module)).toBe(3);
    expect(ended).toEqual([1, 2, 3]);
    expect(module.PThread.unusedWorkers).toEqual([]);
    expect(endIdlePthreads(module)).toBe(0);
  });

  it('does nothing for a module without pthreads (the single-threaded builds)', () => {
    expect(endIdlePthreads({})).toBe(0);
    expect(endIdlePthreads({ PThread: {} })).toBe(0);
  });
});
