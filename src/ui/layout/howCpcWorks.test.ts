import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import { presetById } from '../../cpc/presets';
import { cpcWalkthrough, kStartText } from './howCpcWorks';

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

  it('says why k starts at 2: 50% overlap leaks pixels at k = 1; ceil(patch/stride) in general', () => {
    const text = cpcWalkthrough(DEFAULT_CONFIG);
    expect(text?.kStart).toMatch(/^Why k starts at 2: /);
    expect(text?.kStart).toContain('the patch 1 step ahead shares pixels with the context');
    expect(text?.kStart).toContain('ceil(8 / 4) = 2 steps ahead');
    expect(kStartText(8, 8, 1)).toBe(
      'Why k starts at 1: In general the first patch that shares no pixel with the context is ' +
        'ceil(patch / stride) = ceil(8 / 8) = 1 steps ahead. So k starts at 1.',
    );
    expect(kStartText(8, 2, 4)).toContain('ceil(8 / 2) = 4');
    expect(kStartText(8, 4, 3)).toContain('further ahead, at k = 3');
  });

  it('says what the probe and the two baselines are for', () => {
    const text = cpcWalkthrough(DEFAULT_CONFIG)?.baselines ?? '';
    expect(text).toContain('random init');
    expect(text).toContain('raw pixels');
    expect(text).toContain('rises above both');
  });

  it('is null for an invalid grid', () => {
    expect(cpcWalkthrough({ ...DEFAULT_CONFIG, kMax: 9 })).toBeNull();
  });
});
