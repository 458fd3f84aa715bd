import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import { presetById } from '../../cpc/presets';
import { presetChoice } from './presetChoice';

describe('presetChoice', () => {
  it('applies at once before the first step, whatever the preset changes', () => {
    expect(presetChoice('keras-cpc', DEFAULT_CONFIG, 0)).toEqual({ kind: 'apply' });
  });

  it('asks once after training started when the preset needs a new model', () => {
    expect(presetChoice('quick-demo', DEFAULT_CONFIG, 12)).toEqual({
      kind: 'ask',
      question: 'Rebuild with Quick demo? This discards the 12 steps trained so far.',
    });
    expect(presetChoice('cpc-v2', DEFAULT_CONFIG, 1)).toMatchObject({
      question: 'Rebuild with CPC v2? This discards the 1 step trained so far.',
    });
  });

  it('does not ask when the preset only changes live fields (nothing is discarded)', () => {
    const applied = { ...presetById('quick-demo').config, learningRate: 0.05, batchSize: 4 };
    expect(presetChoice('quick-demo', applied, 40)).toEqual({ kind: 'apply' });
  });
});
