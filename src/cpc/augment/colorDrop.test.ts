import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { keepOnlyChannel, randomColorDrop } from './colorDrop';

const rgb = () => Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.55, 0.6, 0.7, 0.8, 0.9, 0.15, 0.25, 0.35]);

describe('keepOnlyChannel', () => {
  it('keeps the chosen channel in place and sets the other two to mid-grey', () => {
    const patch = rgb();
    keepOnlyChannel(patch, 1);
    expect(Array.from(patch)).toEqual(
      Array.from(Float32Array.from([0.5, 0.2, 0.5, 0.5, 0.55, 0.5, 0.5, 0.8, 0.5, 0.5, 0.25, 0.5])),
    );
  });
});

describe('randomColorDrop', () => {
  const shape = { size: 2, channels: 3 as const, scratch: new Float32Array(12) };

  it('at probability 1 keeps exactly one channel, and each channel gets picked', () => {
    const rng = createRng(3);
    const keptCount = [0, 0, 0];
    for (let trial = 0; trial < 60; trial++) {
      const input = rgb();
      const patch = input.slice();
      randomColorDrop(patch, shape, 1, rng);
      const kept = [0, 1, 2].filter((c) => [0, 1, 2, 3].every((p) => patch[p * 3 + c] === input[p * 3 + c]));
      const zeroed = [0, 1, 2].filter((c) => [0, 1, 2, 3].every((p) => patch[p * 3 + c] === 0.5));
      expect(kept).toHaveLength(1);
      expect(zeroed).toHaveLength(2);
      keptCount[kept[0]]++;
    }
    expect(Math.min(...keptCount)).toBeGreaterThan(5);
  });

  it('leaves grayscale patches alone', () => {
    const patch = Float32Array.from([0.1, 0.2, 0.3, 0.4]);
    randomColorDrop(patch, { size: 2, channels: 1, scratch: new Float32Array(4) }, 1, createRng(1));
    expect(Array.from(patch)).toEqual(Array.from(Float32Array.from([0.1, 0.2, 0.3, 0.4])));
  });
});
