import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { FILL } from './patchAugmentation';
import { cropAndPlace, spatialJitter } from './spatialJitter';

describe('cropAndPlace', () => {
  it('copies the crop to its placement on a fill canvas', () => {
    const src = Float32Array.from({ length: 16 }, (_, i) => i);
    const dst = new Float32Array(16);
    cropAndPlace(src, dst, 4, 1, { side: 2, cropX: 2, cropY: 1, placeX: 0, placeY: 2 });
    const F = FILL;
    expect(Array.from(dst)).toEqual([F, F, F, F, F, F, F, F, 6, 7, F, F, 10, 11, F, F]);
  });
});

describe('spatialJitter', () => {
  const size = 8;
  const channels = 3;
  const shape = { size, channels, scratch: new Float32Array(size * size * channels) } as const;
  const at = (patch: Float32Array, x: number, y: number) =>
    Array.from(patch.subarray((y * size + x) * channels, (y * size + x + 1) * channels));

  it('at strength 1 shows a half-size crop of the source, unscaled, on fill', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 30; trial++) {
      const input = Float32Array.from({ length: size * size * channels }, () => rng.next());
      const patch = input.slice();
      spatialJitter(patch, shape, 1, rng);
      const kept: [number, number][] = [];
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) if (at(patch, x, y).some((v) => v !== FILL)) kept.push([x, y]);
      }
      expect(kept).toHaveLength(16);
      const [x0, y0] = kept[0];
      const crop = findCrop(input, patch, x0, y0);
      expect(crop).not.toBeNull();
    }
  });

  function findCrop(
    input: Float32Array,
    patch: Float32Array,
    x0: number,
    y0: number,
  ): [number, number] | null {
    for (let cy = 0; cy + 4 <= size; cy++) {
      for (let cx = 0; cx + 4 <= size; cx++) {
        let same = true;
        for (let y = 0; y < 4 && same; y++) {
          for (let x = 0; x < 4 && same; x++) {
            same = at(patch, x0 + x, y0 + y).join() === at(input, cx + x, cy + y).join();
          }
        }
        if (same) return [cx, cy];
      }
    }
    return null;
  }
});
