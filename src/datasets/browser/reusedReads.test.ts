import { describe, expect, it } from 'vitest';
import { ReusedReads } from './reusedReads';

function blobOf(length: number, seed: number): { blob: Blob; bytes: Uint8Array } {
  const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 251);
  return { blob: new Blob([bytes]), bytes };
}

describe('ReusedReads', () => {
  it('reads each file whole, whatever its size, empty included', async () => {
    const reads = new ReusedReads(2, 1000);
    for (const [length, seed] of [
      [0, 1],
      [5, 2],
      [200_000, 3],
      [70_001, 4],
    ]) {
      const { blob, bytes } = blobOf(length, seed);
      const read = await reads.read(blob);
      expect(read).toEqual(bytes);
      reads.release(read);
    }
  });

  it('reads the next file into a buffer given back: the bytes given back are gone, not copied', async () => {
    const reads = new ReusedReads(1, 1000);
    const first = await reads.read(blobOf(100_000, 5).blob);
    reads.release(first);
    const { blob, bytes } = blobOf(90_000, 6);
    const second = await reads.read(blob);
    expect(second).toEqual(bytes);
    expect(first.byteLength).toBe(0); // its buffer was handed to the stream (detached) and came back as second's
    // Not given back: the next read takes a new buffer and leaves this one alone.
    const third = await reads.read(blobOf(1000, 7).blob);
    expect(second).toEqual(bytes);
    expect(third.length).toBe(1000);
  });

  it('reads a file under streamFrom bytes into a fresh buffer, leaving the ones given back alone', async () => {
    const reads = new ReusedReads(1, 50_000);
    const big = await reads.read(blobOf(60_000, 8).blob);
    reads.release(big);
    const { blob, bytes } = blobOf(40_000, 9);
    const small = await reads.read(blob);
    expect(small).toEqual(bytes);
    expect(big.byteLength).toBe(60_000); // not handed to a stream
    expect(small.buffer).not.toBe(big.buffer);
  });
});
