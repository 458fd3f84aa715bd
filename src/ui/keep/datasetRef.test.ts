import { describe, expect, it } from 'vitest';
import type { ImageSet } from '../../cpc/data/imageSet';
import { datasetRefOf, parseDatasetRef, specForRef } from './datasetRef';

const set: ImageSet = {
  pixels: new Uint8Array(8),
  count: 2,
  size: 2,
  channels: 1,
  labels: Int32Array.of(0, 1),
  classNames: ['a', 'b'],
};

describe("a saved run's imported set", () => {
  it("remembers the import's split, and gives it back with the kept images", () => {
    const ref = datasetRefOf({ kind: 'images', name: 'cats', set, heldOut: 1 }, 'run-1');
    expect(ref).toEqual({ kind: 'images', name: 'cats', storedImagesId: 'run-1', heldOut: 1 });
    const read = parseDatasetRef(JSON.parse(JSON.stringify(ref)));
    expect(read).toEqual(ref);
    expect(specForRef(read!, set)).toEqual({ kind: 'images', name: 'cats', set, heldOut: 1 });
    expect(specForRef(read!, null)).toBeNull();
  });

  it('keeps a run saved before imports had a split without one, so it splits by its seed as it did', () => {
    const ref = datasetRefOf({ kind: 'images', name: 'cats', set }, null);
    expect(ref).toEqual({ kind: 'images', name: 'cats', storedImagesId: null });
    expect(specForRef(ref, set)).toEqual({ kind: 'images', name: 'cats', set });
    for (const heldOut of [-1, 1.5, '2', null])
      expect(parseDatasetRef({ kind: 'images', name: 'cats', storedImagesId: 'x', heldOut })).toEqual({
        kind: 'images',
        name: 'cats',
        storedImagesId: 'x',
      });
  });
});
