import { describe, expect, it, vi } from 'vitest';
import { offerSpareCopy, releaseSpareCopy, takeCopy } from './spareCopies';

describe('takeCopy', () => {
  it('hands out the offered spare once, then fresh copies, never the original', () => {
    const pixels = Uint8Array.of(1, 2, 3);
    const spare = Uint8Array.of(1, 2, 3);
    offerSpareCopy(pixels, spare);
    expect(takeCopy(pixels)).toBe(spare);
    const second = takeCopy(pixels);
    expect(second).not.toBe(spare);
    expect(second).not.toBe(pixels);
    expect(Array.from(second)).toEqual([1, 2, 3]);
  });

  it('lets a spare go when nobody takes it in time, so a set is not held twice', () => {
    vi.useFakeTimers();
    try {
      const pixels = Uint8Array.of(5);
      const spare = Uint8Array.of(5);
      offerSpareCopy(pixels, spare, 1000);
      vi.advanceTimersByTime(1001);
      expect(takeCopy(pixels)).not.toBe(spare);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets a released or taken spare go at once, its expiry timer with it', () => {
    vi.useFakeTimers();
    try {
      const pixels = Uint8Array.of(4);
      const spare = Uint8Array.of(4);
      offerSpareCopy(pixels, spare);
      expect(vi.getTimerCount()).toBe(1);
      releaseSpareCopy(pixels);
      // A pending timer that closes over the spare would keep 120 MB reachable for its 10 s.
      expect(vi.getTimerCount()).toBe(0);
      expect(takeCopy(pixels)).not.toBe(spare);
      offerSpareCopy(pixels, spare);
      expect(takeCopy(pixels)).toBe(spare);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('copies a set that was never offered a spare, and refuses a spare of another length', () => {
    const pixels = Uint8Array.of(7, 8);
    const copy = takeCopy(pixels);
    expect(copy).not.toBe(pixels);
    expect(Array.from(copy)).toEqual([7, 8]);
    expect(() => offerSpareCopy(pixels, Uint8Array.of(7))).toThrow(/as long as/);
  });
});
