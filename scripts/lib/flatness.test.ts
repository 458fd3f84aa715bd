import { describe, expect, it } from 'vitest';
import { afterWarmupWindow, judgeFlat, type NoiseBand } from './flatness';

const MIB = 2 ** 20;
const HEAP: NoiseBand = { absolute: MIB, relative: 0.05, bad: 'up' };
const SPEED: NoiseBand = { absolute: 0, relative: 0.1, bad: 'down' };
/** Steps 0, 1000, …, 20,000: the soak's samples. */
const STEPS = Array.from({ length: 21 }, (_, i) => i * 1000);

/** Uniform noise in [-1, 1] from a fixed seed (a small LCG), so the tests do not flake. */
function noise(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return (state / 2 ** 32) * 2 - 1;
  };
}

describe('judgeFlat', () => {
  it('passes a level series', () => {
    const result = judgeFlat(
      STEPS,
      STEPS.map(() => 40 * MIB),
      HEAP,
    );
    expect(result).toMatchObject({ flat: true, count: 11, drift: 0, mean: 40 * MIB });
  });

  it('fails a heap that grows 300 kB every 1,000 steps (3 MB over the window, the band 2 MiB)', () => {
    const result = judgeFlat(
      STEPS,
      STEPS.map((step) => 40 * MIB + step * 300),
      HEAP,
    );
    expect(result.flat).toBe(false);
    expect(result.drift).toBeCloseTo(3e6, 0);
  });

  it('passes a level series with ±10 % noise, where a naive first-to-last difference would not', () => {
    const next = noise(7);
    const values = STEPS.map(() => 40 * MIB * (1 + 0.1 * next()));
    const window = afterWarmupWindow(STEPS);
    const lastMinusFirst = values[window[window.length - 1]] - values[window[0]];
    expect(Math.abs(lastMinusFirst)).toBeGreaterThan(HEAP.relative * 40 * MIB);
    expect(judgeFlat(STEPS, values, HEAP).flat).toBe(true);
  });

  it('fails a leak under the same noise', () => {
    const next = noise(7);
    const values = STEPS.map((step) => 40 * MIB * (1 + 0.1 * next()) + step * 2000);
    expect(judgeFlat(STEPS, values, HEAP).flat).toBe(false);
  });

  it('passes a steady drift that stays inside the band', () => {
    const values = STEPS.map((step) => 40 * MIB + step * 10);
    const result = judgeFlat(STEPS, values, HEAP);
    expect(result.drift).toBeCloseTo(100_000, 0);
    expect(result.flat).toBe(true);
  });

  it('ignores growth during warm-up (the first half)', () => {
    const values = STEPS.map((step) => 40 * MIB + Math.min(step, 9000) * 5000);
    expect(judgeFlat(STEPS, values, HEAP).flat).toBe(true);
  });

  it('judges only the bad direction: a shrinking heap passes, a falling speed fails', () => {
    const falling = STEPS.map((step) => 10 - step / 2000);
    expect(judgeFlat(STEPS, falling, { ...HEAP, absolute: 0 }).flat).toBe(true);
    expect(judgeFlat(STEPS, falling, SPEED).flat).toBe(false);
    const rising = STEPS.map((step) => 10 + step / 2000);
    expect(judgeFlat(STEPS, rising, SPEED).flat).toBe(true);
  });

  it('lets a tensor count that never moves pass and one extra tensor per 1,000 steps fail', () => {
    const tensors: NoiseBand = { absolute: 1, relative: 0, bad: 'up' };
    expect(
      judgeFlat(
        STEPS,
        STEPS.map(() => 180),
        tensors,
      ).flat,
    ).toBe(true);
    expect(
      judgeFlat(
        STEPS,
        STEPS.map((step) => 180 + step / 1000),
        tensors,
      ).flat,
    ).toBe(false);
  });

  it('refuses a window of fewer than three samples, and series of different lengths', () => {
    expect(() => judgeFlat([0, 1000], [1, 2], HEAP)).toThrow(RangeError);
    expect(() => judgeFlat([0, 1000, 2000], [1, 2, 3], HEAP)).toThrow(RangeError);
    expect(judgeFlat([0, 1000, 2000, 3000], [1, 1, 1, 1], HEAP).count).toBe(3);
    expect(() => judgeFlat([0, 1000, 2000], [1, 2], HEAP)).toThrow(RangeError);
  });
});

describe('afterWarmupWindow', () => {
  it('keeps the later half of the samples, from the middle one on', () => {
    expect(afterWarmupWindow([0, 1000, 2000, 3000, 4000])).toEqual([2, 3, 4]);
    expect(afterWarmupWindow([0, 100, 200, 300, 400, 500])).toEqual([2, 3, 4, 5]);
    expect(afterWarmupWindow([])).toEqual([]);
  });

  it('keeps the middle sample when the last one was taken late', () => {
    expect(afterWarmupWindow([0, 11, 20, 30, 41])).toEqual([2, 3, 4]);
  });
});
