import { describe, expect, it } from 'vitest';
import { isColourSet } from '../cpc/fitConfig';
import { pixelFeatureRows } from '../cpc/eval/pixelFeatures';
import { createRng } from '../cpc/random';
import { storedCopy } from '../cpc/testing/storedCopy';
import { splitAtHeldOut, splitForProbes } from './splitForProbes';
import { adaptImageSet } from './adaptImageSet';
import {
  imageAt,
  inMemory,
  isStored,
  pickImages,
  seededSubset,
  subsetImages,
  withChannels,
  type ImageSet,
} from '../cpc/data/imageSet';
import { extractPatches } from '../cpc/data/patches';

/** 9 labelled RGB images of 4 px, each pixel's bytes telling its image, place and channel apart. */
function colourSet(): ImageSet & { pixels: Uint8Array } {
  const count = 9;
  const pixels = Uint8Array.from({ length: count * 4 * 4 * 3 }, (_, i) => (i * 37 + (i >> 5)) % 256);
  const labels = Int32Array.from({ length: count }, (_, i) => i % 3);
  const names = Array.from({ length: count }, (_, i) => `img-${i}.png`);
  return { pixels, count, size: 4, channels: 3, labels, classNames: ['a', 'b', 'c'], names };
}

describe('a set kept in a file (StoredPixels)', () => {
  const set = colourSet();
  const stored = storedCopy(set);

  it('reads each image as the set in memory holds it, into a given buffer or a new one', () => {
    const out = new Uint8Array(48);
    for (let i = 0; i < set.count; i++) {
      expect(imageAt(stored, i, out)).toBe(out);
      expect(Array.from(out)).toEqual(Array.from(imageAt(set, i)));
      expect(Array.from(imageAt(stored, i))).toEqual(Array.from(imageAt(set, i)));
    }
    expect(Array.from(inMemory(stored).pixels)).toEqual(Array.from(set.pixels));
  });

  it('refuses an image past the end, and reads nothing where its file is not open', () => {
    expect(() => imageAt(stored, set.count)).toThrow(RangeError);
    const { read: _, ...closed } = stored.pixels;
    expect(() => imageAt({ ...stored, pixels: closed }, 0)).toThrow(/test\.bin, which is not open here/);
  });

  it('picks images by new slots, reading nothing, and copies them out in memory on request', () => {
    const order = [4, 0, 8, 4];
    const picked = pickImages(stored, order);
    expect(isStored(picked.pixels)).toBe(true);
    expect(picked.pixels.length).toBe(4 * 48);
    const copied = subsetImages(stored, order);
    expect(Array.from(inMemory(picked).pixels)).toEqual(Array.from(subsetImages(set, order).pixels));
    expect(Array.from(copied.pixels)).toEqual(Array.from(subsetImages(set, order).pixels));
    expect(Array.from(picked.labels ?? [])).toEqual([1, 0, 2, 1]);
    expect(picked.names).toEqual(['img-4.png', 'img-0.png', 'img-8.png', 'img-4.png']);
    expect(isStored(seededSubset(stored, 20, createRng(1)).pixels)).toBe(false);
  });

  it('splits by slots into the same images as the set in memory', () => {
    const held = splitAtHeldOut(stored, 3);
    const plain = splitAtHeldOut(set, 3);
    expect(isStored(held.train.pixels)).toBe(true);
    expect(Array.from(inMemory(held.train).pixels)).toEqual(Array.from(inMemory(plain.train).pixels));
    expect(Array.from(inMemory(held.test!).pixels)).toEqual(Array.from(inMemory(plain.test!).pixels));
    const probes = splitForProbes(stored, 5, { inPlace: true });
    const probesPlain = splitForProbes(set, 5);
    expect(Array.from(inMemory(probes.train).pixels)).toEqual(Array.from(inMemory(probesPlain.train).pixels));
    expect(Array.from(probes.test?.labels ?? [])).toEqual(Array.from(probesPlain.test?.labels ?? []));
  });

  it('gives the same patches, pixel features, colour verdict and adapted sets', () => {
    const indices = [7, 2, 2];
    expect(Array.from(extractPatches(stored, indices, 2, 1, 3))).toEqual(
      Array.from(extractPatches(set, indices, 2, 1, 3)),
    );
    const rows = pixelFeatureRows({ set: stored, indices: Int32Array.from(indices) });
    const rowsPlain = pixelFeatureRows({ set, indices: Int32Array.from(indices) });
    expect(Array.from(rows.block(0, 3))).toEqual(Array.from(rowsPlain.block(0, 3)));
    expect(isColourSet(stored)).toBe(isColourSet(set));
    expect(adaptImageSet(stored, 4, 3)).toBe(stored); // already fits: stays in its file
    expect(Array.from(inMemory(adaptImageSet(stored, 2, 1)).pixels)).toEqual(
      Array.from(inMemory(adaptImageSet(set, 2, 1)).pixels),
    );
    expect(Array.from(inMemory(withChannels(stored, 1)).pixels)).toEqual(
      Array.from(inMemory(withChannels(set, 1)).pixels),
    );
  });
});
