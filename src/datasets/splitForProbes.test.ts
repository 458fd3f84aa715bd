import { describe, expect, it } from 'vitest';
import type { ImageSet } from '../cpc/data/imageSet';
import { PROBE_TEST_FRACTION, splitForProbes } from './splitForProbes';

/** count images of 2×2 RGB, image i filled with bytes i, i+1, …; labels i mod classes. */
function labelledSet(count: number, classes: number): ImageSet {
  return {
    count,
    size: 2,
    channels: 3,
    pixels: Uint8Array.from({ length: count * 12 }, (_, j) => (Math.floor(j / 12) * 7 + j) % 256),
    labels: Int32Array.from({ length: count }, (_, i) => i % classes),
    classNames: Array.from({ length: classes }, (_, c) => `class ${c}`),
    names: Array.from({ length: count }, (_, i) => `img${i}.jpg`),
  };
}

/** The parts as plain values, to compare. */
const plain = (part: ImageSet | null) =>
  part && {
    count: part.count,
    pixels: Array.from(part.pixels),
    labels: Array.from(part.labels ?? []),
    names: part.names,
  };

describe('splitForProbes', () => {
  it('in place: the same training and test images, in the same order, as views of the given buffer', () => {
    const copied = splitForProbes(labelledSet(23, 3), 7);
    const set = labelledSet(23, 3);
    const buffer = set.pixels.buffer;
    const inPlace = splitForProbes(set, 7, { inPlace: true });
    expect(plain(inPlace.train)).toEqual(plain(copied.train));
    expect(plain(inPlace.test)).toEqual(plain(copied.test));
    expect(inPlace.train.pixels.buffer).toBe(buffer);
    expect(inPlace.test?.pixels.buffer).toBe(buffer);
    expect(inPlace.test?.count).toBe(5); // round(23 / 3 · PROBE_TEST_FRACTION) per class: 2 + 2 + 1
    expect(PROBE_TEST_FRACTION).toBe(0.2);
    // Images moved: the split is not the identity, so the check above is not trivially true.
    expect(copied.train.pixels.slice(0, 12 * 20)).not.toEqual(labelledSet(23, 3).pixels.slice(0, 12 * 20));
  });

  it('keeps an unlabelled set whole for training, with no test set', () => {
    const set = { ...labelledSet(10, 2), labels: null, classNames: [] };
    for (const inPlace of [false, true]) {
      const { train, test } = splitForProbes(set, 1, { inPlace });
      expect(train).toBe(set);
      expect(test).toBeNull();
    }
  });

  it('has no test set when every class has a single image', () => {
    for (const inPlace of [false, true]) {
      const { train, test } = splitForProbes(labelledSet(3, 3), 1, { inPlace });
      expect(train.count).toBe(3);
      expect(test).toBeNull();
    }
  });
});
