import { describe, expect, it } from 'vitest';
import { presetById } from '../../cpc/presets';
import { chanceAccuracy } from '../store/configLogic';
import { chanceLoss, chanceLossOf } from './chance';

describe('chance loss', () => {
  it('is log N for InfoNCE: the cross-entropy of a uniform guess over N candidates', () => {
    expect(chanceLoss('infonce', 16)).toBeCloseTo(2.7726, 4);
    expect(chanceLoss('infonce', 2)).toBeCloseTo(0.6931, 4);
  });

  it('is log 2 for BCE whatever N: each candidate is a fair coin at score 0', () => {
    // binaryNceLoss at scores 0: ½(softplus(0) + mean softplus(0)) = softplus(0) = log 2.
    const softplus0 = Math.log(1 + Math.exp(0));
    expect(chanceLoss('bce', 16)).toBeCloseTo(softplus0, 10);
    expect(chanceLoss('bce', 600)).toBeCloseTo(softplus0, 10);
  });

  it('agrees with the chance accuracy of the same config (N = 1 / chance accuracy)', () => {
    const config = { ...presetById('default').config, loss: 'infonce' as const };
    expect(chanceLossOf(config)).toBeCloseTo(Math.log(1 / chanceAccuracy(config)), 10);
  });

  it('is null for a config whose grid is invalid', () => {
    const config = { ...presetById('default').config, patchSize: 1000 };
    expect(chanceLossOf(config)).toBeNull();
  });
});
