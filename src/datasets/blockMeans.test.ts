import { describe, expect, it } from 'vitest';
import { blockFactor, blockMeans } from './blockMeans';
import { fitImage, type RgbaImage } from './resize';

/** A width × height picture of seeded pseudo-random bytes, in `layout`. */
function noise(width: number, height: number, layout: RgbaImage['layout'], seed: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  let state = seed;
  for (let i = 0; i < data.length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    data[i] = state >>> 23;
  }
  return { width, height, data, layout };
}

/** The same picture as opaque RGBA, which fitImage resizes with its float taps. */
function asRgba(image: RgbaImage): RgbaImage {
  const data = new Uint8Array(image.data.length);
  const red = image.layout?.startsWith('B') ? 2 : 0;
  for (let p = 0; p < data.length; p += 4)
    data.set([image.data[p + red], image.data[p + 1], image.data[p + 2 - red], 255], p);
  return { width: image.width, height: image.height, data };
}

describe('blockMeans', () => {
  it('averages each k × k block into RGB bytes, rounding halves up', () => {
    // 2 × 2 BGRX into one pixel: blue 1+2+3+4 = 10 → 2.5 → 3; green 20·4 / 4 = 20; red 9+9+9+8 → 8.75 → 9.
    const data = Uint8Array.from([1, 20, 9, 0, 2, 20, 9, 7, 3, 20, 9, 0, 4, 20, 8, 0]);
    expect(Array.from(blockMeans({ width: 2, height: 2, data, layout: 'BGRX' }, 0, 0, 1, 2))).toEqual([
      9, 20, 3,
    ]);
  });

  it("gives fitImage's float-tap bytes for every block side it takes", () => {
    for (const [width, height, size] of [
      [256, 192, 64], // k = 3: the 1024 × 768 JPEG at a quarter
      [120, 160, 24], // k = 5, a tall crop
      [64, 64, 32], // k = 2
      [100, 129, 25], // k = 4, an odd margin (14 rows above the crop, 15 below)
      [56, 49, 7], // k = 7
      [96, 64, 8], // k = 8
      [33, 32, 32], // k = 1
    ]) {
      for (const layout of ['BGRX', 'RGBX'] as const) {
        const image = noise(width, height, layout, width * 31 + size);
        const side = Math.min(width, height);
        expect(blockFactor(image, side, size, 3)).toBe(side / size);
        const fast = fitImage(image, size, 3);
        const floats = fitImage(asRgba(image), size, 3);
        expect(Array.from(fast.pixels)).toEqual(Array.from(floats.pixels));
        expect(fast.side).toBe(side);
        expect(fast.upscaled).toBe(false);
      }
    }
  });

  it('leaves to the float taps what it cannot match: alpha, grey, uneven or even non-power-of-two blocks', () => {
    const image = noise(12, 12, 'BGRX', 1);
    expect(blockFactor({ ...image, layout: 'BGRA' }, 12, 4, 3)).toBeNull();
    expect(blockFactor({ ...image, layout: undefined }, 12, 4, 3)).toBeNull();
    expect(blockFactor(image, 12, 4, 1)).toBeNull();
    expect(blockFactor(image, 12, 5, 3)).toBeNull();
    expect(blockFactor(image, 12, 24, 3)).toBeNull();
    // k = 6: a block summing to 4,158 has the mean 115.5, which the float taps round to 115, not 116.
    expect(blockFactor(image, 12, 2, 3)).toBeNull();
    const data = new Uint8Array(36 * 4).fill(255);
    for (let i = 0; i < 36; i++) data.fill(i < 18 ? 115 : 116, i * 4, i * 4 + 3);
    expect(fitImage({ width: 6, height: 6, data }, 1, 3).pixels[0]).toBe(115);
  });
});
