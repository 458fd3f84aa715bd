import { describe, it, expect } from 'vitest';
import { centreSquare, fitImage, reducedDecodeSize, resizeSquare, type RgbaImage } from './resize';

/** An opaque gray picture from row-major values. */
function gray(width: number, values: number[]): RgbaImage {
  const data = new Uint8Array(values.length * 4);
  values.forEach((v, i) => data.set([v, v, v, 255], i * 4));
  return { width, height: values.length / width, data };
}

/** The crop as floats [side, side, channels], composited on white: the reference fitImage is held to. */
function squareFloats(image: RgbaImage, crop: { x: number; y: number; side: number }, channels: 1 | 3) {
  const out: number[] = [];
  for (let y = crop.y; y < crop.y + crop.side; y++)
    for (let x = crop.x; x < crop.x + crop.side; x++) {
      const p = (y * image.width + x) * 4;
      const alpha = image.data[p + 3] / 255;
      const [r, g, b] = [0, 1, 2].map((c) => image.data[p + c] * alpha + 255 * (1 - alpha));
      out.push(...(channels === 1 ? [0.299 * r + 0.587 * g + 0.114 * b] : [r, g, b]));
    }
  return Float64Array.from(out);
}

function rgba(width: number, pixels: number[][]): RgbaImage {
  return { width, height: pixels.length / width, data: Uint8Array.from(pixels.flat()) };
}

describe('centreSquare', () => {
  it('keeps the middle, extra odd pixel on the right or bottom', () => {
    expect(centreSquare(5, 2)).toEqual({ x: 1, y: 0, side: 2 });
    expect(centreSquare(2, 5)).toEqual({ x: 0, y: 1, side: 2 });
    expect(centreSquare(3, 3)).toEqual({ x: 0, y: 0, side: 3 });
  });
});

describe('fitImage', () => {
  it('leaves an image of the right size unchanged', () => {
    const values = [0, 7, 255, 128, 3, 99, 201, 54, 12];
    const { pixels, upscaled } = fitImage(gray(3, values), 3, 1);
    expect(Array.from(pixels)).toEqual(values);
    expect(upscaled).toBe(false);
  });

  it('centre-crops a wide image before resizing', () => {
    const { pixels } = fitImage(gray(4, [1, 2, 3, 4, 5, 6, 7, 8]), 2, 1);
    expect(Array.from(pixels)).toEqual([2, 3, 6, 7]);
  });

  it('halves by averaging 2×2 blocks', () => {
    const img = gray(4, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150]);
    // (0+10+40+50)/4 = 25, (20+30+60+70)/4 = 45, …
    expect(Array.from(fitImage(img, 2, 1).pixels)).toEqual([25, 45, 105, 125]);
  });

  it('shrinks 3 → 2 by exact area overlap (weights 2/3 and 1/3 per axis)', () => {
    // A lone bright centre pixel overlaps each output pixel by 1/3 × 1/3 of its area: 255/9 = 28.33.
    const impulse = gray(3, [0, 0, 0, 0, 255, 0, 0, 0, 0]);
    expect(Array.from(fitImage(impulse, 2, 1).pixels)).toEqual([28, 28, 28, 28]);
    // v = 30·(3y + x) is linear, so each output is v at its footprint's centroid (1/3 or 5/3 per axis).
    const ramp = gray(3, [0, 30, 60, 90, 120, 150, 180, 210, 240]);
    expect(Array.from(fitImage(ramp, 2, 1).pixels)).toEqual([40, 80, 160, 200]);
  });

  it('enlarges 2 → 4 bilinearly with half-pixel centres, clamping at the border', () => {
    // Per axis the taps are [1], [0.75, 0.25], [0.25, 0.75], [1]. Rows: [0, 25, 75, 100] and
    // [200, 160, 80, 40]; the middle rows mix them 3:1 and 1:3, e.g. 0.75·25 + 0.25·160 = 58.75.
    const { pixels, upscaled } = fitImage(gray(2, [0, 100, 200, 40]), 4, 1);
    expect(Array.from(pixels)).toEqual([0, 25, 75, 100, 50, 59, 76, 85, 150, 126, 79, 55, 200, 160, 80, 40]);
    expect(upscaled).toBe(true);
  });

  it('enlarges a single pixel to a flat image', () => {
    const { pixels } = fitImage(rgba(1, [[10, 20, 30, 255]]), 3, 3);
    expect(Array.from(pixels)).toEqual(Array.from({ length: 9 }, () => [10, 20, 30]).flat());
  });

  it('composites transparency on white', () => {
    const img = rgba(2, [
      [255, 0, 0, 128], // 255·128/255 + 255·127/255 = 255 for red, 127 for green and blue
      [0, 0, 0, 0], // fully transparent → white
      [0, 0, 0, 128], // half-transparent black → 127
      [9, 8, 7, 255], // opaque → unchanged
    ]);
    expect(Array.from(fitImage(img, 2, 3).pixels)).toEqual([
      255, 127, 127, 255, 255, 255, 127, 127, 127, 9, 8, 7,
    ]);
  });

  it('converts RGB to gray with luma 0.299 / 0.587 / 0.114', () => {
    const img = rgba(2, [
      [255, 0, 0, 255], // 76.245
      [0, 255, 0, 255], // 149.685
      [0, 0, 255, 255], // 29.07
      [10, 20, 30, 255], // 2.99 + 11.74 + 3.42 = 18.15
    ]);
    expect(Array.from(fitImage(img, 2, 1).pixels)).toEqual([76, 150, 29, 18]);
  });

  it('reads blue-first bytes (a browser JPEG frame), and takes X layouts as opaque whatever the fourth byte', () => {
    const pixels = [
      [30, 20, 10, 255],
      [3, 2, 1, 0], // transparent in BGRA: white; opaque in BGRX
      [0, 0, 200, 255],
      [60, 50, 40, 128],
    ];
    const image = (layout: RgbaImage['layout']) => ({ ...rgba(2, pixels), layout });
    expect(Array.from(fitImage(image('BGRA'), 2, 3).pixels)).toEqual([
      10, 20, 30, 255, 255, 255, 200, 0, 0, 147, 152, 157,
    ]);
    expect(Array.from(fitImage(image('BGRX'), 2, 3).pixels)).toEqual([
      10, 20, 30, 1, 2, 3, 200, 0, 0, 40, 50, 60,
    ]);
    expect(Array.from(fitImage(image('RGBX'), 2, 3).pixels)).toEqual([
      30, 20, 10, 3, 2, 1, 0, 0, 200, 60, 50, 40,
    ]);
    // Grey from blue-first bytes uses the same weights on the right channels: 0.299·10 + 0.587·20 + 0.114·30.
    expect(fitImage(image('BGRX'), 2, 1).pixels[0]).toBe(18);
  });

  it('gives the same floats as the whole crop converted, then resized', () => {
    // 7 × 5 of varied colours and alphas into 3 px (box taps of 5/3) and into 8 px (bilinear).
    const pixels = Array.from({ length: 35 }, (_, i) => [
      (i * 37) % 256,
      (i * 91) % 256,
      (i * 53) % 256,
      i % 3 === 0 ? 255 : (i * 29) % 256,
    ]);
    const img = rgba(7, pixels);
    for (const [size, channels] of [
      [3, 3],
      [3, 1],
      [8, 3],
    ] as const) {
      const crop = centreSquare(7, 5);
      const floats = resizeSquare(squareFloats(img, crop, channels), crop.side, channels, size);
      expect(Array.from(fitImage(img, size, channels).pixels)).toEqual(Array.from(floats, Math.round));
    }
  });
});

describe('reducedDecodeSize', () => {
  it('asks for four training pixels per side on the short side, keeping the aspect ratio', () => {
    expect(reducedDecodeSize(4000, 3000, 64)).toEqual({ width: 342, height: 256 });
    expect(reducedDecodeSize(3000, 4000, 28)).toEqual({ width: 112, height: 150 });
  });

  it('decodes in full when a reduced decode would save little', () => {
    expect(reducedDecodeSize(400, 300, 64)).toBeNull(); // 256 of 300: under half is the least DCT step
    expect(reducedDecodeSize(20, 20, 64)).toBeNull(); // enlarged anyway
  });
});
