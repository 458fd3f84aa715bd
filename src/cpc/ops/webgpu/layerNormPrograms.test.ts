import { describe, expect, it } from 'vitest';
import { col2imProgram, im2colProgram } from './columnsPrograms';
import { convGeometry } from '../convGeometry';
import {
  CHANNEL_ROWS,
  layerNormApplyProgram,
  layerNormBackChannelProgram,
  layerNormBackDxProgram,
  layerNormStatsProgram,
  type LayerNormShape,
} from './layerNormPrograms';

// The default preset's first layer norm: 576 patches of 4×4×64, LeakyReLU 0.3.
const FIRST: LayerNormShape = { n: 576, f: 4 * 4 * 64, c: 64, slope: 0.3 };

describe('the fused layer norm programs (WGSL; run on a GPU in e2e/backends.spec.ts)', () => {
  it('one workgroup of 64 per sample for the statistics and dx, one invocation per value for the output', () => {
    expect(layerNormStatsProgram(FIRST).dispatch).toEqual([576, 1, 1]);
    expect(layerNormStatsProgram(FIRST).outputShape).toEqual([576, 2]);
    expect(layerNormBackDxProgram(FIRST).dispatch).toEqual([576, 1, 1]);
    expect(layerNormApplyProgram(FIRST).dispatch).toEqual([(576 * 1024) / 64, 1, 1]);
  });

  it('channel sums: CHANNEL_ROWS rows per invocation, gain and bias sums per chunk', () => {
    const rows = 576 * 16;
    expect(layerNormBackChannelProgram(FIRST).outputShape).toEqual([Math.ceil(rows / CHANNEL_ROWS), 2, 64]);
  });

  it('the slope is compiled in, and names the pipeline', () => {
    const relu = { ...FIRST, slope: 0 };
    const none = { ...FIRST, slope: null };
    expect(layerNormApplyProgram(FIRST).getUserCode()).toContain('const SLOPE : f32 = 0.300000000;');
    expect(layerNormApplyProgram(none).getUserCode()).toContain('const SLOPE : f32 = 1.0;');
    const keys = [FIRST, relu, none].map((s) => layerNormApplyProgram(s).shaderKey);
    expect(new Set(keys).size).toBe(3);
  });

  it('every program reads its uniforms (an unread uniform buffer has no binding, and WebGPU refuses it)', () => {
    const g = convGeometry([2, 4, 4, 3], [3, 3, 3, 4], 2, 'same');
    const programs = [
      layerNormStatsProgram(FIRST),
      layerNormApplyProgram(FIRST),
      layerNormBackDxProgram(FIRST),
      layerNormBackChannelProgram(FIRST),
      im2colProgram(g),
      col2imProgram(g),
    ];
    for (const p of programs) expect(p.getUserCode(), p.shaderKey).toContain('uniforms.');
  });
});
