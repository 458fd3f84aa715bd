import { describe, expect, it } from 'vitest';
import { requireGeometry } from '../cpc/geometry';
import { workloadConfig } from './workloads';

describe('workloads', () => {
  it('makes the reference workload the one of issue 6', () => {
    const config = workloadConfig('reference');
    const geometry = requireGeometry(config);
    expect(geometry.grid).toBe(6);
    expect(geometry.patchSize).toBe(8);
    expect(geometry.stride).toBe(4);
    expect(geometry.ks).toEqual([1, 2, 3]);
    expect(geometry.directions).toEqual(['down']);
    expect(config).toMatchObject({
      batchSize: 16,
      imageSize: 28,
      encoder: 'simple-cnn',
      encoderDepth: 2,
      context: 'gru',
      contextHidden: 64,
      loss: 'infonce',
    });
  });

  it('applies overrides on top of a preset', () => {
    expect(workloadConfig('quick-demo', { batchSize: 4 }).batchSize).toBe(4);
    expect(workloadConfig('cpc-v2').encoder).toBe('resnet');
  });
});
