import { describe, it, expect } from 'vitest';
import { DEFAULT_CONFIG } from '../cpc/config';
import { loadRunnerData, TEXTURES_TEST, TEXTURES_TRAIN } from './runnerData';
import { bytesOf } from '../cpc/testing/bytesOf';

describe('loadRunnerData', () => {
  it("generates colour textures at the config's size and channels, with a test set of another seed", async () => {
    const config = { ...DEFAULT_CONFIG, imageSize: 8, channels: 3 as const, seed: 4 };
    const { train, test, description } = await loadRunnerData('textures', config, false);
    expect(description).toBe('colour textures');
    expect(train).toMatchObject({ count: TEXTURES_TRAIN, size: 8, channels: 3 });
    expect(test).toMatchObject({ count: TEXTURES_TEST, size: 8, channels: 3 });
    expect(test?.classNames).toEqual(train.classNames);
    expect(bytesOf(test!).subarray(0, 192)).not.toEqual(bytesOf(train).subarray(0, 192));
  });

  it('fits the config to the data when none was given: textures train in colour at 32 px', async () => {
    const given = { ...DEFAULT_CONFIG, augColorDrop: 0 };
    const { train, config, configReasons } = await loadRunnerData('textures', given, true);
    expect(config).toMatchObject({
      imageSize: 32,
      channels: 3,
      patchSize: 8,
      patchStride: 4,
      augColorDrop: 0.5,
    });
    expect(train).toMatchObject({ size: 32, channels: 3 });
    expect(configReasons.join(' ')).toMatch(/colour.*7×7 grid/s);
  });
});
