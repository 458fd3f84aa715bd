import { describe, expect, it } from 'vitest';
import { createRng, isRngSnapshot, permutation, restoreRng } from './random';

describe('seeded random numbers', () => {
  it('repeats for a seed and differs across seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRng(seed).next);
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('resumes a stream from its state', () => {
    const a = createRng(7);
    a.next();
    const resumed = createRng(0, a.state());
    expect(resumed.next()).toBe(a.next());
  });

  it('resumes a stream from a snapshot, including a pending normal deviate', () => {
    const a = createRng(11);
    a.normal(); // leaves the second Box–Muller deviate pending
    const snapshot = JSON.parse(JSON.stringify(a.snapshot())) as unknown;
    expect(isRngSnapshot(snapshot)).toBe(true);
    const b = restoreRng(snapshot as ReturnType<typeof a.snapshot>);
    expect([b.normal(), b.normal(), b.next()]).toEqual([a.normal(), a.normal(), a.next()]);
    expect(isRngSnapshot({ state: 1.5, spareNormal: null })).toBe(false);
    expect(isRngSnapshot({ state: 3, spareNormal: 'x' })).toBe(false);
  });

  it('draws integers in range and normals with the right moments', () => {
    const rng = createRng(3);
    const ints = Array.from({ length: 2000 }, () => rng.int(5));
    expect(Math.min(...ints)).toBe(0);
    expect(Math.max(...ints)).toBe(4);
    const xs = Array.from({ length: 20000 }, rng.normal);
    const mean = xs.reduce((a, b) => a + b) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('permutes every index exactly once', () => {
    const p = Array.from(permutation(50, createRng(1)));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
