import { describe, expect, it } from 'vitest';
import { allocateShareable, isShared, sharedLike, unshared } from './sharedPixels';

describe('shared pixels', () => {
  it('allocates shared memory only where the context is isolated', () => {
    const shared = allocateShareable(6, true);
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([isShared(shared), shared.length, Array.from(shared).every((v) => v === 0)]).toEqual([
      true,
      6,
      true,
    ]);
    const plain = allocateShareable(6, false);
    expect(plain.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect([isShared(plain), plain.length]).toEqual([false, 6]);
  });

  it('copies shared pixels into a plain buffer, and leaves plain ones as they are', () => {
    const shared = allocateShareable(3, true);
    shared.set([1, 2, 3]);
    const copy = unshared(shared);
    expect([isShared(copy), Array.from(copy)]).toEqual([false, [1, 2, 3]]);
    const plain = Uint8Array.of(4, 5);
    expect(unshared(plain)).toBe(plain);
    expect(isShared(shared.subarray(1))).toBe(true);
  });

  it('moves a set into shared memory when the one it was made from is shared', () => {
    const shared = allocateShareable(2, true);
    const set = { pixels: Uint8Array.of(7, 8), count: 2 };
    const moved = sharedLike(set, shared);
    expect([isShared(moved.pixels), Array.from(moved.pixels), moved.count]).toEqual([true, [7, 8], 2]);
    expect(sharedLike(set, Uint8Array.of(1))).toBe(set);
    expect(sharedLike({ pixels: shared }, shared).pixels).toBe(shared);
  });
});
