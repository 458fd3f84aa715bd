import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import { createRng } from '../random';
import { augmentPatches, augmentParamsFromConfig, NO_AUGMENTATION, type AugmentParams } from './index';

const P = 8;
const ALL_ON: AugmentParams = {
  jitter: 1,
  flip: 1,
  colorDrop: 1,
  colorJitter: 1,
  grayscale: 1,
  shearRotate: 1,
  elastic: 1,
};
const KEYS = Object.keys(ALL_ON) as (keyof AugmentParams)[];

function randomPatches(n: number, channels: 1 | 3, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * P * P * channels }, () => rng.next());
}

/** n copies of one random RGB patch. */
function identicalPatches(n: number): Float32Array {
  const one = randomPatches(1, 3, 12);
  const out = new Float32Array(n * one.length);
  for (let i = 0; i < n; i++) out.set(one, i * one.length);
  return out;
}

describe('augmentPatches', () => {
  it('is the exact identity with every strength at 0, for gray and RGB', () => {
    for (const channels of [1, 3] as const) {
      const input = randomPatches(5, channels, 1);
      expect(augmentPatches(input, 5, P, channels, NO_AUGMENTATION, createRng(2))).toEqual(input);
    }
  });

  it.each(KEYS)('changes a batch with only %s at 1', (key) => {
    const input = randomPatches(4, 3, 5);
    const params = { ...NO_AUGMENTATION, [key]: 1 };
    expect(augmentPatches(input, 4, P, 3, params, createRng(6))).not.toEqual(input);
  });

  it('returns a new array and leaves the input untouched', () => {
    const input = randomPatches(3, 3, 7);
    const copy = input.slice();
    const out = augmentPatches(input, 3, P, 3, ALL_ON, createRng(8));
    expect(out).not.toBe(input);
    expect(input).toEqual(copy);
    expect(out).toHaveLength(input.length);
  });

  it('is reproducible from the seed and differs between seeds', () => {
    const input = randomPatches(6, 3, 9);
    const a = augmentPatches(input, 6, P, 3, ALL_ON, createRng(10));
    const b = augmentPatches(input, 6, P, 3, ALL_ON, createRng(10));
    const c = augmentPatches(input, 6, P, 3, ALL_ON, createRng(11));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('draws continuous parameters (angles, offsets, colour shifts) per patch', () => {
    const twins = identicalPatches(2);
    for (const key of ['elastic', 'shearRotate', 'jitter', 'colorJitter'] as const) {
      const out = augmentPatches(twins, 2, P, 3, { ...NO_AUGMENTATION, [key]: 1 }, createRng(13));
      expect(out.subarray(0, out.length / 2)).not.toEqual(out.subarray(out.length / 2));
    }
    const out = augmentPatches(twins, 2, P, 3, ALL_ON, createRng(13));
    expect(out.subarray(0, out.length / 2)).not.toEqual(out.subarray(out.length / 2));
  });

  it('tosses the coin of each probability per patch', () => {
    const n = 40;
    const twins = identicalPatches(n);
    for (const key of ['flip', 'grayscale', 'colorDrop'] as const) {
      const out = augmentPatches(twins, n, P, 3, { ...NO_AUGMENTATION, [key]: 0.5 }, createRng(14));
      const floats = out.length / n;
      const unchanged = Array.from({ length: n }, (_, i) =>
        out.subarray(i * floats, (i + 1) * floats),
      ).filter((patch) => patch.every((v, j) => v === twins[j])).length;
      expect(unchanged).toBeGreaterThan(n / 4);
      expect(unchanged).toBeLessThan((3 * n) / 4);
    }
  });

  it('consumes the same random numbers whatever the strengths', () => {
    const input = randomPatches(3, 1, 14);
    const off = createRng(15);
    const on = createRng(15);
    augmentPatches(input, 3, P, 1, NO_AUGMENTATION, off);
    augmentPatches(input, 3, P, 1, ALL_ON, on);
    expect(on.state()).toBe(off.state());
  });

  it('keeps values in [0, 1] with everything on', () => {
    const out = augmentPatches(randomPatches(50, 3, 16), 50, P, 3, ALL_ON, createRng(17));
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
  });

  it('rejects an array whose length does not match the layout', () => {
    expect(() => augmentPatches(new Float32Array(10), 1, P, 3, ALL_ON, createRng(1))).toThrow(
      /Expected 1 patches/,
    );
  });
});

describe('augmentParamsFromConfig', () => {
  it('reads each strength from its config field', () => {
    const config = {
      ...DEFAULT_CONFIG,
      augJitter: 0.1,
      augFlip: 0.2,
      augColorDrop: 0.3,
      augColorJitter: 0.4,
    };
    expect(
      augmentParamsFromConfig({ ...config, augGrayscale: 0.5, augShearRotate: 0.6, augElastic: 0.7 }),
    ).toEqual({
      jitter: 0.1,
      flip: 0.2,
      colorDrop: 0.3,
      colorJitter: 0.4,
      grayscale: 0.5,
      shearRotate: 0.6,
      elastic: 0.7,
    });
  });
});
