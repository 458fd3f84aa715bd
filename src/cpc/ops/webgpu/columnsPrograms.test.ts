import { describe, expect, it } from 'vitest';
import { convGeometry } from '../convGeometry';
import { geometryAttrs, geometryFromAttrs } from './columnsGeometry';
import { col2imProgram, im2colProgram } from './columnsPrograms';

// The default preset's second layer: 576 patches, 4×4×64 → 2×2×64, 3×3 taps, stride 2 'same'.
const LAYER2 = convGeometry([576, 4, 4, 64], [3, 3, 64, 64], 2, 'same');

describe('the column programs (WGSL for tfjs-webgpu; run on a GPU in e2e/backends.spec.ts)', () => {
  it('im2col: one invocation per column entry, 64 to a workgroup', () => {
    const p = im2colProgram(LAYER2);
    expect(p.outputShape).toEqual([576 * 2 * 2, 3 * 3 * 64]);
    expect(p.dispatch).toEqual([Math.ceil((2304 * 576) / 64), 1, 1]);
    expect(p.workgroupSize).toEqual([64, 1, 1]);
    expect(p.variableNames).toEqual(['src']);
  });

  it('col2im: one invocation per input element', () => {
    const p = col2imProgram(LAYER2);
    expect(p.outputShape).toEqual([576, 4, 4, 64]);
    expect(p.dispatch).toEqual([(576 * 4 * 4 * 64) / 64, 1, 1]);
  });

  it('compiles the geometry in as constants, and names it all in the pipeline key', () => {
    expect(LAYER2).toMatchObject({ ho: 2, wo: 2, top: 0, left: 0 });
    const code = im2colProgram(LAYER2).getUserCode();
    for (const line of [
      'const STRIDE : i32 = 2;',
      'const CIN : i32 = 64;',
      'const K : i32 = 576;',
      'const HOWO : i32 = 4;',
    ])
      expect(code).toContain(line);
    // Same shapes, another padding: another pipeline.
    const shifted = { ...LAYER2, top: 1 };
    expect(im2colProgram(shifted).shaderKey).not.toBe(im2colProgram(LAYER2).shaderKey);
    expect(col2imProgram(LAYER2).shaderKey).not.toBe(im2colProgram(LAYER2).shaderKey);
  });
});

describe('geometry attributes', () => {
  it('round-trip through a kernel’s attribute record', () => {
    expect(geometryFromAttrs(geometryAttrs(LAYER2))).toEqual(LAYER2);
  });

  it('refuse a missing or fractional field', () => {
    const { stride: _, ...missing } = geometryAttrs(LAYER2);
    expect(() => geometryFromAttrs(missing)).toThrow(/stride must be a non-negative integer/);
    expect(() => geometryFromAttrs({ ...geometryAttrs(LAYER2), h: 2.5 })).toThrow(/h must be/);
  });
});
