import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import { presetById } from '../../cpc/presets';
import { cpcWalkthrough } from './howCpcWorks';

describe('cpcWalkthrough', () => {
  it('tells the default run with its numbers', () => {
    const text = cpcWalkthrough(DEFAULT_CONFIG);
    expect(text?.context).toBe(
      'Each 28×28 image is cut into a 6×6 grid of 8 px patches (stride 4, 50% overlap). The encoder turns ' +
        'every patch into a code z of 64 numbers. Reading the rows top to bottom, a GRU sums up rows 0…t ' +
        'in a context vector c_t of 64 numbers.',
    );
    expect(text?.prediction).toMatch(/^For each k from 2 to 4, a linear map W_k/);
    expect(text?.prediction).toMatch(/with 15 negatives/);
    // log 16 = 2.7726; 1/16 = 6.25 %.
    expect(text?.loss).toBe(
      'InfoNCE: a softmax over the 16 scores; the loss is −log p(true patch). At chance the loss is ' +
        'log 16 = 2.77; CPC accuracy at chance is 1/16 = 6.3%.',
    );
  });

  it('names the four directions and the BCE chance loss', () => {
    expect(cpcWalkthrough(presetById('cpc-v2').config)?.prediction).toMatch(/from below, from the left/);
    expect(cpcWalkthrough(presetById('keras-cpc').config)?.loss).toMatch(/log 2 = 0\.693/);
  });

  it('is null for an invalid grid', () => {
    expect(cpcWalkthrough({ ...DEFAULT_CONFIG, kMax: 9 })).toBeNull();
  });
});
