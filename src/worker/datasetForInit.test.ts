import { describe, it, expect } from 'vitest';
import { datasetForInit } from './datasetForInit';
import { bytesOf } from '../cpc/testing/bytesOf';

describe('datasetForInit', () => {
  it('transfers a copy of an imported set, so the page keeps its pixels', () => {
    const pixels = Uint8Array.from([1, 2, 3, 4]);
    const set = { pixels, count: 1, size: 2, channels: 1 as const, labels: null, classNames: [] };
    const { dataset, transfer } = datasetForInit({ kind: 'images', name: 'x', set });
    if (dataset.kind !== 'images') throw new Error('kind changed');
    expect(dataset.set.pixels).not.toBe(pixels);
    expect(Array.from(bytesOf(dataset.set))).toEqual([1, 2, 3, 4]);
    expect(transfer).toEqual([bytesOf(dataset.set).buffer]);
  });

  it("sends an imported set in shared memory as it is: the worker reads the page's copy", () => {
    const pixels = new Uint8Array(new SharedArrayBuffer(4));
    const set = { pixels, count: 1, size: 2, channels: 1 as const, labels: null, classNames: [] };
    const spec = { kind: 'images' as const, name: 'x', set, heldOut: 0 };
    expect(datasetForInit(spec)).toEqual({ dataset: spec, transfer: [] });
    expect(datasetForInit(spec).dataset).toBe(spec);
  });

  it('sends built-in and synthetic specs as they are', () => {
    const spec = { kind: 'builtin', name: 'mnist' } as const;
    expect(datasetForInit(spec)).toEqual({ dataset: spec, transfer: [] });
  });
});
