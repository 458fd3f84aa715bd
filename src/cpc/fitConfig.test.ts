import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './config';
import { fitConfigToImages, isColourSet, medianSide } from './fitConfig';
import { resolveGeometry } from './geometry';

const set = (pixels: number[][], channels: 1 | 3) => ({
  pixels: Uint8Array.from(pixels.flat()),
  count: pixels.length,
  size: 2,
  channels,
  labels: null,
  classNames: [],
});

describe('fitConfigToImages', () => {
  it.each([
    [20, 28, 8, 4, 6],
    [28, 28, 8, 4, 6],
    [40, 32, 8, 4, 7],
    [50, 48, 12, 6, 7],
    [640, 64, 16, 8, 7],
  ])(
    'images of %i px train at %i px with %i px patches, stride %i: a %i×%i grid',
    (side, size, patch, stride, grid) => {
      const { config, reasons } = fitConfigToImages({ nativeSide: side, colour: false });
      expect([config.imageSize, config.patchSize, config.patchStride]).toEqual([size, patch, stride]);
      const geometry = resolveGeometry(config);
      expect(geometry.errors).toEqual([]);
      expect(geometry.geometry!.grid).toBe(grid);
      expect(geometry.geometry!.overlap).toBe(0.5);
      expect(reasons.join(' ')).toMatch(new RegExp(`${size} px`));
    },
  );

  it('keeps colour in colour with colour augmentation on, and grey in grey', () => {
    const colour = fitConfigToImages(
      { nativeSide: 32, colour: true },
      { ...DEFAULT_CONFIG, augColorJitter: 0.8 },
    );
    expect(colour.config).toMatchObject({
      channels: 3,
      augColorDrop: 0.5,
      augGrayscale: 0.5,
      augColorJitter: 0.8,
    });
    expect(colour.reasons[0]).toMatch(/colour dropping/);
    const grey = fitConfigToImages({ nativeSide: 32, colour: false }, { ...DEFAULT_CONFIG, augColorDrop: 0 });
    expect(grey.config).toMatchObject({ channels: 1, augColorDrop: 0, augGrayscale: 0, augColorJitter: 0.2 });
  });

  it('keeps the rest of the base config', () => {
    const base = { ...DEFAULT_CONFIG, learningRate: 1e-3, encoderWidth: 48 };
    const { config } = fitConfigToImages({ nativeSide: 64, colour: true }, base);
    expect([config.learningRate, config.encoderWidth]).toEqual([1e-3, 48]);
  });
});

describe('isColourSet and medianSide', () => {
  it('calls a set coloured when one image in ten or more is tinted', () => {
    const grey = [10, 10, 10, 200, 200, 200, 90, 90, 90, 0, 0, 0];
    const red = [200, 0, 0, 180, 10, 10, 250, 0, 0, 90, 0, 0];
    expect(isColourSet(set([grey, grey, grey], 3))).toBe(false);
    expect(isColourSet(set([grey, grey, red], 3))).toBe(true);
    expect(isColourSet(set([[1, 2, 3, 4]], 1))).toBe(false);
  });

  it('takes the upper median', () => {
    expect(medianSide([])).toBeNull();
    expect(medianSide([64, 20, 30])).toBe(30);
    expect(medianSide([10, 40])).toBe(40);
  });
});
