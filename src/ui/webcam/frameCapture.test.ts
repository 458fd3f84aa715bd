import { describe, expect, it } from 'vitest';
import { centreSquare, rgbFromRgba } from './frameCapture';

describe('frame capture', () => {
  it('crops the centred square of landscape, portrait and square frames', () => {
    expect(centreSquare(640, 480)).toEqual({ sx: 80, sy: 0, side: 480 });
    expect(centreSquare(480, 641)).toEqual({ sx: 0, sy: 80, side: 480 });
    expect(centreSquare(32, 32)).toEqual({ sx: 0, sy: 0, side: 32 });
  });

  it('drops the alpha bytes', () => {
    const rgba = Uint8ClampedArray.from([1, 2, 3, 255, 4, 5, 6, 128]);
    expect(Array.from(rgbFromRgba(rgba))).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
