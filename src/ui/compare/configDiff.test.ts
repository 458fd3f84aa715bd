import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import { differingFields } from './configDiff';

describe('differingFields', () => {
  it('lists only the fields that differ, in FIELDS order, with labels and formatted values', () => {
    const a = { ...DEFAULT_CONFIG, norm: 'batch' as const, learningRate: 2e-4 };
    const b = { ...DEFAULT_CONFIG, context: 'masked-conv' as const };
    const c = { ...DEFAULT_CONFIG };
    expect(differingFields([a, b, c])).toEqual([
      {
        key: 'norm',
        label: 'Normalisation',
        doc: 'Normalisation in the encoder.',
        values: ['batch', 'layer', 'layer'],
      },
      {
        key: 'context',
        label: 'Context model',
        doc: 'Autoregressive context model.',
        values: ['gru', 'masked-conv', 'gru'],
      },
      {
        key: 'learningRate',
        label: 'Learning rate',
        doc: 'Peak learning rate.',
        values: ['2e-4', '0.002', '0.002'],
      },
    ]);
  });

  it('finds nothing for equal configs or a single run', () => {
    expect(differingFields([DEFAULT_CONFIG, { ...DEFAULT_CONFIG }])).toEqual([]);
    expect(differingFields([{ ...DEFAULT_CONFIG, seed: 9 }])).toEqual([]);
  });
});
