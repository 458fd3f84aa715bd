import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { shearRotate } from './affine';
import { randomColorDrop } from './colorDrop';
import { colorJitter } from './colorJitter';
import { elastic } from './elastic';
import { randomFlip } from './flip';
import { randomGrayscale } from './grayscale';
import type { PatchAugmentation } from './patchAugmentation';
import { spatialJitter } from './spatialJitter';

const OPS: [string, PatchAugmentation][] = [
  ['elastic', elastic],
  ['shearRotate', shearRotate],
  ['spatialJitter', spatialJitter],
  ['randomFlip', randomFlip],
  ['colorJitter', colorJitter],
  ['randomGrayscale', randomGrayscale],
  ['randomColorDrop', randomColorDrop],
];
const SIZE = 6;

describe.each(OPS)('%s', (_name, augment) => {
  it.each([1, 3] as const)('is the bit-exact identity at strength 0 (%i channels)', (channels) => {
    const rng = createRng(channels);
    const shape = { size: SIZE, channels, scratch: new Float32Array(SIZE * SIZE * channels) };
    const input = Float32Array.from(shape.scratch, () => rng.next());
    const patch = input.slice();
    augment(patch, shape, 0, rng);
    expect(patch).toEqual(input);
  });

  it('draws as many random numbers at strength 0 as at strength 1', () => {
    const shape = { size: SIZE, channels: 3 as const, scratch: new Float32Array(SIZE * SIZE * 3) };
    const off = createRng(21);
    const on = createRng(21);
    augment(new Float32Array(shape.scratch.length).fill(0.3), shape, 0, off);
    augment(new Float32Array(shape.scratch.length).fill(0.3), shape, 1, on);
    expect(on.state()).toBe(off.state());
  });
});
