import { describe, expect, it } from 'vitest';
import type { ImageSet } from '../cpc/data/imageSet';
import { adaptImageSet } from './adaptImageSet';
import { bytesOf } from '../cpc/testing/bytesOf';

const gray4: ImageSet = {
  pixels: Uint8Array.from([0, 0, 100, 100, 0, 0, 100, 100, 200, 200, 50, 50, 200, 200, 50, 50]),
  count: 1,
  size: 4,
  channels: 1,
  labels: Int32Array.of(0),
  classNames: ['a'],
};

describe('adaptImageSet', () => {
  it('returns the same set when size and channels already fit', () => {
    expect(adaptImageSet(gray4, 4, 1)).toBe(gray4);
  });

  it('box-averages down to the training size and keeps labels', () => {
    const out = adaptImageSet(gray4, 2, 1);
    expect(Array.from(bytesOf(out))).toEqual([0, 100, 200, 50]);
    expect(out.size).toBe(2);
    expect(out.labels).toBe(gray4.labels);
  });

  it('converts grayscale to RGB', () => {
    const out = adaptImageSet(gray4, 2, 3);
    expect(Array.from(bytesOf(out))).toEqual([0, 0, 0, 100, 100, 100, 200, 200, 200, 50, 50, 50]);
  });
});
