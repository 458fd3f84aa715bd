import { describe, it, expect } from 'vitest';
import { createRng } from '../random';
import { trainTestSplit } from './split';

/** Labels 0,0,…(n0 times),1,1,…(n1 times),… */
function labelsWithCounts(counts: number[]): Int32Array {
  return Int32Array.from(counts.flatMap((n, label) => Array<number>(n).fill(label)));
}

function countPerClass(indices: Int32Array, labels: Int32Array): number[] {
  const counts: number[] = [];
  for (const i of indices) counts[labels[i]] = (counts[labels[i]] ?? 0) + 1;
  return Array.from(counts, (n) => n ?? 0);
}

describe('trainTestSplit', () => {
  it('stratifies: round(size · fraction) of each class goes to test', () => {
    const labels = labelsWithCounts([10, 20, 7]);
    const { train, test } = trainTestSplit(labels.length, labels, 0.2, createRng(1));
    // round(10·0.2)=2, round(20·0.2)=4, round(7·0.2)=round(1.4)=1
    expect(countPerClass(test, labels)).toEqual([2, 4, 1]);
    expect(countPerClass(train, labels)).toEqual([8, 16, 6]);
  });

  it('puts at least one item of every class with two or more on each side, singletons in train', () => {
    const labels = labelsWithCounts([2, 1, 3, 50]);
    const low = trainTestSplit(labels.length, labels, 0.01, createRng(2));
    expect(countPerClass(low.test, labels)).toEqual([1, 0, 1, 1]);
    expect(countPerClass(low.train, labels)).toEqual([1, 1, 2, 49]);
    const high = trainTestSplit(labels.length, labels, 0.99, createRng(2));
    expect(countPerClass(high.test, labels)).toEqual([1, 0, 2, 49]);
    expect(countPerClass(high.train, labels)).toEqual([1, 1, 1, 1]);
  });

  it('covers every index exactly once, sorted, with no overlap', () => {
    const labels = Int32Array.from({ length: 97 }, (_, i) => (i * 7) % 5);
    const { train, test } = trainTestSplit(97, labels, 0.3, createRng(3));
    const all = [...train, ...test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 97 }, (_, i) => i));
    expect([...train]).toEqual([...train].sort((a, b) => a - b));
    expect([...test]).toEqual([...test].sort((a, b) => a - b));
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const labels = labelsWithCounts([30, 30]);
    const a = trainTestSplit(60, labels, 0.25, createRng(7));
    const b = trainTestSplit(60, labels, 0.25, createRng(7));
    const c = trainTestSplit(60, labels, 0.25, createRng(8));
    expect([...a.test]).toEqual([...b.test]);
    expect([...a.train]).toEqual([...b.train]);
    expect([...a.test]).not.toEqual([...c.test]);
  });

  it('splits unlabelled items as one group', () => {
    const { train, test } = trainTestSplit(10, null, 0.25, createRng(4));
    // round(2.5) = 3
    expect(test.length).toBe(3);
    expect(train.length).toBe(7);
    expect(new Set([...train, ...test]).size).toBe(10);
    const single = trainTestSplit(1, null, 0.5, createRng(4));
    expect([...single.train]).toEqual([0]);
    expect(single.test.length).toBe(0);
  });

  it('rejects a fraction outside (0, 1) and mismatched labels', () => {
    expect(() => trainTestSplit(4, null, 0, createRng(1))).toThrow(RangeError);
    expect(() => trainTestSplit(4, null, 1, createRng(1))).toThrow(RangeError);
    expect(() => trainTestSplit(4, new Int32Array(3), 0.5, createRng(1))).toThrow(RangeError);
  });
});
