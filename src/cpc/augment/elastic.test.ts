import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { ELASTIC_OFFSETS, elastic, elasticWarp } from './elastic';
import { FILL } from './patchAugmentation';

const size = 4;
const input = Float32Array.from({ length: size * size }, (_, i) => i / 16);

describe('elasticWarp', () => {
  it('is the identity at zero amplitude', () => {
    const offsets = Array.from({ length: ELASTIC_OFFSETS }, (_, i) => ((i * 7) % 5) - 2);
    const dst = new Float32Array(input.length);
    elasticWarp(input, dst, size, 1, offsets, 0);
    expect(dst).toEqual(input);
  });

  it('shifts by a whole pixel when every control point moves the same way', () => {
    const offsets = Array.from({ length: ELASTIC_OFFSETS }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const dst = new Float32Array(input.length);
    elasticWarp(input, dst, size, 1, offsets, 1);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        expect(dst[y * size + x]).toBe(x + 1 < size ? input[y * size + x + 1] : FILL);
      }
    }
  });
});

describe('elastic', () => {
  it('changes RGB patches at strength 1 and keeps them in [0, 1]', () => {
    const rng = createRng(6);
    const shape = { size: 8, channels: 3 as const, scratch: new Float32Array(192) };
    for (let trial = 0; trial < 50; trial++) {
      const source = Float32Array.from({ length: 192 }, () => (rng.next() < 0.5 ? 0 : 1));
      const patch = source.slice();
      elastic(patch, shape, 1, rng);
      expect(patch).not.toEqual(source);
      expect(Math.min(...patch)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...patch)).toBeLessThanOrEqual(1);
    }
  });
});
