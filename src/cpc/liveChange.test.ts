import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './config';
import { checkLiveChange } from './liveChange';

// 16 px images, 8 px patches, stride 4: a 3×3 grid, so a batch of 2 holds 2·9 − 1 = 17 other patches.
const TINY = {
  ...DEFAULT_CONFIG,
  imageSize: 16,
  patchSize: 8,
  patchStride: 4,
  kMax: 2,
  batchSize: 2,
  negatives: 3,
};

describe('checkLiveChange', () => {
  it('accepts live fields and parses values as the config table says', () => {
    expect(checkLiveChange(TINY, { learningRate: '0.01', negatives: 17 })).toEqual({
      ok: true,
      change: { learningRate: 0.01, negatives: 17 },
    });
  });

  it('rejects fields that need a restart, unknown fields and bad values', () => {
    expect(checkLiveChange(TINY, { codeSize: 16 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('restart'),
    });
    expect(checkLiveChange(TINY, { speed: 2 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Unknown'),
    });
    expect(checkLiveChange(TINY, { batchSize: 1.5 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('integer'),
    });
    expect(checkLiveChange(TINY, { learningRate: -1 })).toMatchObject({ ok: false });
    expect(checkLiveChange(TINY, null)).toMatchObject({ ok: false });
  });

  it('rejects a change that leaves the run untrainable', () => {
    // 18 negatives need 19 patches per batch; two 3×3 images hold only 17 others.
    expect(checkLiveChange(TINY, { negatives: 18 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('negatives'),
    });
    // A batch of 1 holds 8 other patches: too few for 9 negatives, enough for 8.
    expect(checkLiveChange({ ...TINY, negatives: 9 }, { batchSize: 1 })).toMatchObject({ ok: false });
    expect(checkLiveChange({ ...TINY, negatives: 8 }, { batchSize: 1 })).toMatchObject({ ok: true });
  });
});
