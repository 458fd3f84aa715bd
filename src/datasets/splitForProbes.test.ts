import { describe, expect, it } from 'vitest';
import type { ImageSet } from '../cpc/data/imageSet';
import {
  IMPORT_SPLIT_SEED,
  importSplit,
  PROBE_TEST_FRACTION,
  splitAtHeldOut,
  splitForProbes,
} from './splitForProbes';
import { subsetImages } from '../cpc/data/imageSet';
import { bytesOf } from '../cpc/testing/bytesOf';

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
    pixels: Array.from(bytesOf(part)),
    labels: Array.from(part.labels ?? []),
    names: part.names,
  };

describe('splitForProbes', () => {
  it('in place: the same training and test images, in the same order, as views of the given buffer', () => {
    const copied = splitForProbes(labelledSet(23, 3), 7);
    const set = labelledSet(23, 3);
    const buffer = bytesOf(set).buffer;
    const inPlace = splitForProbes(set, 7, { inPlace: true });
    expect(plain(inPlace.train)).toEqual(plain(copied.train));
    expect(plain(inPlace.test)).toEqual(plain(copied.test));
    expect(bytesOf(inPlace.train).buffer).toBe(buffer);
    expect(bytesOf(inPlace.test!).buffer).toBe(buffer);
    expect(inPlace.test?.count).toBe(5); // round(23 / 3 · PROBE_TEST_FRACTION) per class: 2 + 2 + 1
    expect(PROBE_TEST_FRACTION).toBe(0.2);
    // Images moved: the split is not the identity, so the check above is not trivially true.
    expect(bytesOf(copied.train).slice(0, 12 * 20)).not.toEqual(
      bytesOf(labelledSet(23, 3)).slice(0, 12 * 20),
    );
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

describe("an import's own split", () => {
  it('orders the training images, then the held-out ones, as splitForProbes parts them at its seed', () => {
    const set = labelledSet(23, 3);
    const { order, heldOut } = importSplit(set.count, set.labels);
    expect(heldOut).toBe(5);
    const packed = subsetImages(set, order);
    const parts = splitAtHeldOut(packed, heldOut);
    const reference = splitForProbes(set, IMPORT_SPLIT_SEED);
    expect(plain(parts.train)).toEqual(plain(reference.train));
    expect(plain(parts.test)).toEqual(plain(reference.test));
    expect(IMPORT_SPLIT_SEED).toBe(1); // the config's default seed: runs at it keep their held-out images
    // A permutation of every image, and not the identity.
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(Array.from(order)).not.toEqual(Array.from({ length: 23 }, (_, i) => i));
  });

  it('holds nothing out of an unlabelled set, or of one whose classes have one image each', () => {
    for (const labels of [null, Int32Array.of(0, 1, 2)]) {
      const { order, heldOut } = importSplit(3, labels);
      expect([Array.from(order), heldOut]).toEqual([[0, 1, 2], 0]);
    }
  });

  it('parts a packed set into views of its buffers, copying nothing', () => {
    const set = labelledSet(10, 2);
    const { train, test } = splitAtHeldOut(set, 3);
    expect([train.count, test?.count]).toEqual([7, 3]);
    expect(bytesOf(train).buffer).toBe(bytesOf(set).buffer);
    expect(bytesOf(test!).buffer).toBe(bytesOf(set).buffer);
    expect(test?.labels?.buffer).toBe(set.labels?.buffer);
    expect(Array.from(bytesOf(test!))).toEqual(Array.from(bytesOf(set).subarray(7 * 12)));
    expect(test?.names).toEqual(['img7.jpg', 'img8.jpg', 'img9.jpg']);
    expect(Array.from(train.labels ?? [])).toEqual([0, 1, 0, 1, 0, 1, 0]);
    expect(splitAtHeldOut(set, 0)).toEqual({ train: set, test: null });
  });

  it('refuses a held-out count that leaves no training image or is not a count', () => {
    const set = labelledSet(4, 2);
    for (const heldOut of [4, 5, -1, 1.5])
      expect(() => splitAtHeldOut(set, heldOut)).toThrow(`${heldOut} held-out images of 4`);
  });
});
