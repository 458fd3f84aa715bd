import { describe, it, expect } from 'vitest';
import { rgbaToChannels } from './pixels';

describe('rgbaToChannels', () => {
  const rgba = Uint8Array.from([255, 0, 0, 255, 10, 20, 30, 255]);

  it('drops alpha for RGB', () => {
    expect(Array.from(rgbaToChannels(rgba, 3))).toEqual([255, 0, 0, 10, 20, 30]);
  });

  it('uses BT.601 luma for grayscale', () => {
    // 0.299·255 = 76.245 → 76; 0.299·10 + 0.587·20 + 0.114·30 = 18.11 → 18.
    expect(Array.from(rgbaToChannels(rgba, 1))).toEqual([76, 18]);
  });
});
