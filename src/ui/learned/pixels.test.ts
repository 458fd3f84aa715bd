import { describe, expect, it } from 'vitest';
import { patchMosaicRgba, patchRgba, thumbnailRgba, thumbnailSheetRgba } from './pixels';

describe('thumbnailRgba', () => {
  it('repeats grey into RGB with full alpha, picking the indexed image', () => {
    const pixels = Uint8Array.from([1, 2, 3, 4, 10, 20, 30, 40]);
    const { rgba, width, height } = thumbnailRgba({ count: 2, size: 2, channels: 1, pixels }, 1);
    expect([width, height]).toEqual([2, 2]);
    expect(Array.from(rgba)).toEqual([10, 10, 10, 255, 20, 20, 20, 255, 30, 30, 30, 255, 40, 40, 40, 255]);
  });

  it('copies colour channels in order', () => {
    const pixels = Uint8Array.from([5, 6, 7]);
    const { rgba } = thumbnailRgba({ count: 1, size: 1, channels: 3, pixels }, 0);
    expect(Array.from(rgba)).toEqual([5, 6, 7, 255]);
  });
});

describe('patchRgba', () => {
  it('scales floats in [0, 1] to bytes and clamps values outside', () => {
    // Two 1×1 RGB patches; the second is picked.
    const patches = Float32Array.from([0, 0, 0, 0.5, 1.2, -0.1]);
    const { rgba } = patchRgba(patches, 1, 1, 3);
    // 0.5·255 = 127.5 rounds to 128 in a clamped array; 1.2 → 255; −0.1 → 0.
    expect(Array.from(rgba)).toEqual([128, 255, 0, 255]);
  });
});

describe('patchMosaicRgba', () => {
  it("places image 1's 2×2 grid of 1 px patches one white pixel apart", () => {
    // Batch of 2 images × 4 grey patches; image 1 holds 0.2, 0.4, 0.6, 0.8 in pool order.
    const patches = Float32Array.from([0, 0, 0, 0, 0.2, 0.4, 0.6, 0.8]);
    const { rgba, width, height } = patchMosaicRgba(patches, 1, 2, 1, 1, 1);
    expect([width, height]).toEqual([3, 3]);
    const red = Array.from({ length: 9 }, (_, i) => rgba[i * 4]);
    // Row-major 3×3: cells at (0,0) (0,2) (2,0) (2,2), the gap cross stays white.
    expect(red).toEqual([51, 255, 102, 255, 255, 255, 153, 255, 204]);
  });
});

describe('thumbnailSheetRgba', () => {
  it('lays three 1 px images two to a row, leaving the missing cell transparent', () => {
    const sheet = thumbnailSheetRgba(
      { count: 3, size: 1, channels: 1, pixels: Uint8Array.from([7, 8, 9]) },
      2,
    );
    expect([sheet.width, sheet.height]).toEqual([2, 2]);
    expect(Array.from(sheet.rgba)).toEqual([7, 7, 7, 255, 8, 8, 8, 255, 9, 9, 9, 255, 0, 0, 0, 0]);
  });
});
