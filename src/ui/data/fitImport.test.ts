import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import { isColourSet } from '../../cpc/fitConfig';
import type { ImportResult } from '../../datasets/assembleImport';
import { FIT_DECODE, fitBuiltin, fitImport, fitTextures } from './fitImport';
import { bytesOf } from '../../cpc/testing/bytesOf';

const { size } = FIT_DECODE;

/** Imported images as the Data panel decodes them: 64 px RGB, each one flat colour. */
function decoded(colours: [number, number, number][], sides: number[]): ImportResult {
  const bytes = size * size * 3;
  const pixels = new Uint8Array(colours.length * bytes);
  colours.forEach((rgb, n) => {
    for (let i = 0; i < bytes; i++) pixels[n * bytes + i] = rgb[i % 3];
  });
  const set = { pixels, count: colours.length, size, channels: 3 as const, labels: null, classNames: [] };
  const nativeSide = sides[Math.floor(sides.length / 2)];
  return { set, skipped: [], upscaled: 0, nativeSide, sides, heldOut: 0, colour: isColourSet(set) };
}

describe('fitImport', () => {
  it('trains colour images of 64 px in colour at 64 px, keeping the decoded set', () => {
    const result = decoded(
      [
        [200, 30, 30],
        [30, 200, 30],
      ],
      [64, 80],
    );
    const base = { ...DEFAULT_CONFIG, learningRate: 1e-3 };
    const fitted = fitImport(result, base);
    expect(fitted.config).toMatchObject({ imageSize: 64, channels: 3, patchSize: 16, patchStride: 8 });
    expect(fitted.config.augColorDrop).toBeGreaterThanOrEqual(0.5);
    expect(fitted.config.learningRate).toBe(1e-3);
    expect(fitted.set).toBe(result.set);
    expect(fitted.reasons.join(' ')).toMatch(/in colour.*64 px/);
  });

  it('shrinks grey images of 40 px to 32 px and one channel', () => {
    const fitted = fitImport(
      decoded(
        [
          [90, 90, 90],
          [10, 10, 10],
        ],
        [40, 40],
      ),
      DEFAULT_CONFIG,
    );
    expect(fitted.config).toMatchObject({ imageSize: 32, channels: 1, patchSize: 8, patchStride: 4 });
    expect(fitted.set).toMatchObject({ size: 32, channels: 1, count: 2 });
    expect(fitted.set.pixels).toHaveLength(2 * 32 * 32);
    expect([bytesOf(fitted.set)[0], bytesOf(fitted.set)[32 * 32]]).toEqual([90, 10]);
    expect(fitted.reasons[0]).toBe('The images are grayscale: training on 1 channel.');
  });

  it('shares the adapted set when the decoded one is shared', () => {
    const result = decoded(
      [
        [90, 90, 90],
        [10, 10, 10],
      ],
      [40, 40],
    );
    const pixels = new Uint8Array(new SharedArrayBuffer(result.set.pixels.length));
    pixels.set(bytesOf(result.set));
    const fitted = fitImport({ ...result, set: { ...result.set, pixels } }, DEFAULT_CONFIG);
    expect(bytesOf(fitted.set).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bytesOf(fitted.set).buffer).not.toBe(pixels.buffer);
    expect([fitted.set.size, bytesOf(fitted.set)[0], bytesOf(fitted.set)[32 * 32]]).toEqual([32, 90, 10]);
  });
});

describe('fitTextures', () => {
  it('trains the generated textures at 32 px in colour with colour dropping', () => {
    const { config, reasons } = fitTextures({ ...DEFAULT_CONFIG, augColorDrop: 0 });
    expect(config).toMatchObject({ imageSize: 32, channels: 3, augColorDrop: 0.5 });
    expect(reasons.join(' ')).toMatch(/colour.*32 px/);
  });
});

describe('fitBuiltin', () => {
  it('leaves a config that already fits the 28 px grey built-ins alone', () => {
    expect(fitBuiltin(DEFAULT_CONFIG)).toBeNull();
  });

  it('takes a config fitted to colour photos back to 28 px grayscale', () => {
    const photos = { ...DEFAULT_CONFIG, imageSize: 64, channels: 3 as const, patchSize: 16, patchStride: 8 };
    expect(fitBuiltin(photos)?.config).toMatchObject({
      imageSize: 28,
      channels: 1,
      patchSize: 8,
      patchStride: 4,
    });
  });
});
