import { describe, expect, it } from 'vitest';
import { generateSyntheticShapes } from '../data/synthetic';
import { createRng } from '../random';
import { BatchSampler } from './batches';

describe('BatchSampler', () => {
  const data = generateSyntheticShapes({ count: 10, size: 8, seed: 1 });

  it('never puts one image twice in a batch, also across epoch boundaries, and covers every epoch', () => {
    // 10 images in batches of 4: every third batch straddles two epochs.
    const sampler = new BatchSampler(data, createRng(3));
    const drawn: number[] = [];
    for (let b = 0; b < 50; b++) {
      const batch = Array.from(sampler.nextIndices(4));
      expect(new Set(batch).size, `batch ${b}: ${batch.join(',')}`).toBe(4);
      drawn.push(...batch);
    }
    for (let epoch = 0; epoch < 20; epoch++) {
      expect(new Set(drawn.slice(epoch * 10, epoch * 10 + 10)).size).toBe(10);
    }
  });

  it('repeats images only when the set is smaller than the batch', () => {
    const sampler = new BatchSampler(generateSyntheticShapes({ count: 3, size: 8, seed: 1 }), createRng(3));
    const batch = Array.from(sampler.nextIndices(5));
    expect(batch).toHaveLength(5);
    expect(new Set(batch).size).toBe(3);
  });
});
