import { describe, expect, it } from 'vitest';
import type { ZipEntry } from '../../cpc/archive/zipReader';
import { READ_AHEAD_BYTES } from '../limits';
import { prefetchable } from './prefetch';

/** A blob that reports `size` without holding it. */
function sized(size: number): Blob {
  return { size } as Blob;
}

describe('prefetchable', () => {
  it('reads ahead unpacked JPEGs up to READ_AHEAD_BYTES, whatever the case of their extension', () => {
    expect(prefetchable({ path: 'cats/a.jpg', file: sized(3_000_000) })).toBe(true);
    expect(prefetchable({ path: 'cats/b.JPEG', file: sized(READ_AHEAD_BYTES) })).toBe(true);
    expect(prefetchable({ path: 'cats/c.jpg', file: sized(READ_AHEAD_BYTES + 1) })).toBe(false);
  });

  it('leaves other types and .zip entries to be read in their turn', () => {
    expect(prefetchable({ path: 'cats/a.png', file: sized(1000) })).toBe(false);
    expect(prefetchable({ path: 'cats/notes.txt', file: sized(10) })).toBe(false);
    const packed = { name: 'a.jpg' } as ZipEntry;
    expect(prefetchable({ path: 'cats/a.jpg', file: sized(1000), packed })).toBe(false);
  });
});
