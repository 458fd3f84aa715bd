import { describe, it, expect } from 'vitest';
import { PNG } from 'pngjs';
import { decodePng, encodePng } from './png';

describe('encodePng / decodePng', () => {
  const image = { width: 2, height: 1, data: Uint8Array.from([10, 20, 30, 255, 200, 100, 0, 255]) };

  it('round-trips RGB as colour type 2', () => {
    const file = encodePng(image, 3);
    expect(file[25]).toBe(2); // IHDR colour type byte
    expect(Array.from(decodePng(file).data)).toEqual(Array.from(image.data));
  });

  it('stores gray (R = G = B) as colour type 0', () => {
    const gray = { width: 1, height: 1, data: Uint8Array.from([77, 77, 77, 255]) };
    const file = encodePng(gray, 1);
    expect(file[25]).toBe(0);
    expect(Array.from(decodePng(file).data)).toEqual([77, 77, 77, 255]);
  });

  it('reads 16-bit PNGs as 8-bit (65535 → 255, 32896 → 128)', () => {
    const png = new PNG({ width: 2, height: 1 });
    png.data = Buffer.from(new Uint16Array([65535, 32896]).buffer);
    const file = PNG.sync.write(png, { bitDepth: 16, colorType: 0, inputColorType: 0 });
    expect(file[24]).toBe(16); // IHDR bit depth byte
    expect(Array.from(decodePng(file).data)).toEqual([255, 255, 255, 255, 128, 128, 128, 255]);
  });

  it('says a truncated file ends too early', () => {
    const file = encodePng(image, 3);
    expect(() => decodePng(file.subarray(0, file.length - 20))).toThrow('the file ends too early');
  });
});
