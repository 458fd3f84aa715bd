import { describe, it, expect } from 'vitest';
import { looksTruncated } from './truncation';

const IEND_CHUNK = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

describe('looksTruncated', () => {
  it('wants a PNG to end with IEND and its CRC', () => {
    expect(looksTruncated('png', Uint8Array.from([1, 2, ...IEND_CHUNK]))).toBe(false);
    expect(looksTruncated('png', Uint8Array.from(IEND_CHUNK.slice(0, 10)))).toBe(true);
    expect(looksTruncated('png', Uint8Array.from([1, 2, 3]))).toBe(true);
  });

  it('wants a JPEG end marker near the end, tolerating trailing bytes', () => {
    expect(looksTruncated('jpeg', Uint8Array.from([0x12, 0xff, 0xd9]))).toBe(false);
    expect(looksTruncated('jpeg', Uint8Array.from([0xff, 0xd9, 0, 0, 0]))).toBe(false);
    expect(looksTruncated('jpeg', Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0x12]))).toBe(true);
  });

  it('leaves other formats to the decoder', () => {
    expect(looksTruncated('webp', new Uint8Array(3))).toBe(false);
  });
});
