import { describe, expect, it } from 'vitest';
import { biasAddProgram, biasSide, transposeProgram } from './layoutPrograms';
import { leadingReduceProgram, MAX_ROW, reducePlan, trailingReduceProgram } from './reducePrograms';

describe('which adds and reductions our flat kernels take (tfjs’ kernels run the rest)', () => {
  it('a bias is a vector along the other side’s last axis, on either side', () => {
    expect(biasSide([576, 4, 4, 64], [64])).toBe('b');
    expect(biasSide([5], [4, 5])).toBe('a');
    expect(biasSide([4, 5], [4, 5])).toBeNull(); // same shapes: tfjs' flat add is fine
    expect(biasSide([64], [64])).toBeNull();
    expect(biasSide([4, 5], [4])).toBeNull();
    expect(biasSide([4, 5], [1, 5])).toBeNull();
  });

  it('reductions over trailing axes run along rows; over leading axes, in passes over rows', () => {
    // The bias gradient of the default preset's first conv: [576, 4, 4, 64] over its first three axes.
    expect(reducePlan([576, 4, 4, 64], [0, 1, 2], false)).toEqual({
      kind: 'leading',
      rows: 9216,
      c: 64,
      outShape: [64],
    });
    expect(reducePlan([864, 9], -1, true)).toEqual({
      kind: 'trailing',
      rows: 864,
      length: 9,
      outShape: [864, 1],
    });
    expect(reducePlan([3, 4, 5], [2, 1], false)).toEqual({
      kind: 'trailing',
      rows: 3,
      length: 20,
      outShape: [3],
    });
    // Everything: along one row when short, else in passes with one column.
    expect(reducePlan([30, 40], [0, 1], false)).toMatchObject({ kind: 'trailing', rows: 1, length: 1200 });
    expect(reducePlan([MAX_ROW + 1], 0, false)).toEqual({
      kind: 'leading',
      rows: MAX_ROW + 1,
      c: 1,
      outShape: [],
    });
  });

  it('leaves the rest to tfjs', () => {
    expect(reducePlan([3, 4, 5], 1, false)).toBeNull(); // a middle axis
    expect(reducePlan([1, 5], 0, false)).toBeNull(); // nothing to reduce
    expect(reducePlan([], [], false)).toBeNull();
    expect(reducePlan([2, MAX_ROW + 1], 1, false)).toBeNull(); // a row too long, not leading
  });
});

describe('the flat programs (WGSL for tfjs-webgpu; checked against tfjs on the GPU in e2e/backends.spec.ts)', () => {
  it('bias add: four values an invocation when C is a multiple of 4', () => {
    const p = biasAddProgram([576, 4, 4, 64], 64);
    expect(p.dispatch).toEqual([(576 * 16 * 64) / 4 / 64, 1, 1]);
    expect(p).toMatchObject({ outputComponent: 4, variableComponents: [4, 4], variableNames: ['x', 'v'] });
    expect(p.getUserCode()).toContain('const CV : i32 = 16;');
    const odd = biasAddProgram([4, 5], 5);
    expect(odd.outputComponent).toBeUndefined();
    expect(odd.getUserCode()).toContain('const CV : i32 = 5;');
    expect(odd.shaderKey).not.toBe(p.shaderKey);
  });

  it('transpose: the output’s strides and the input’s, as constants', () => {
    const p = transposeProgram([2, 3, 4, 5], [0, 3, 1, 2]);
    expect(p.outputShape).toEqual([2, 5, 3, 4]);
    const code = p.getUserCode();
    expect(code).toContain('let c0 = rest / 60;'); // output strides 60, 12, 4, 1
    expect(code).toContain('let c2 = rest / 4;');
    expect(code).toContain('x[c0 * 60 + c1 * 1 + c2 * 20 + c3 * 5]'); // input strides 60, 20, 5, 1
    expect(transposeProgram([3, 5], [1, 0]).getUserCode()).toContain('x[c0 * 1 + c1 * 5]');
    expect(transposeProgram([5, 3], [1, 0]).shaderKey).not.toBe(transposeProgram([3, 5], [1, 0]).shaderKey);
  });

  it('reductions: 64 rows an invocation over leading axes, a whole row along trailing ones', () => {
    const pass = leadingReduceProgram(9216, 64, 'sum');
    expect(pass.outputShape).toEqual([144, 64]);
    expect(pass.getUserCode()).toContain('acc = acc + x[r * C + column]');
    expect(leadingReduceProgram(144, 64, 'max').outputShape).toEqual([3, 64]);
    expect(leadingReduceProgram(144, 64, 'max').getUserCode()).toContain('acc = max(acc, x[r * C + column])');
    const rows = trailingReduceProgram(864, 9, 'max');
    expect(rows.outputShape).toEqual([864]);
    expect(rows.getUserCode()).toContain('const LENGTH : i32 = 9;');
    expect(rows.shaderKey).not.toBe(trailingReduceProgram(864, 9, 'sum').shaderKey);
  });

  it('every program reads its uniforms (WebGPU refuses a pipeline whose layout lacks them)', () => {
    for (const p of [
      biasAddProgram([4, 8], 8),
      transposeProgram([3, 5], [1, 0]),
      leadingReduceProgram(100, 3, 'sum'),
      trailingReduceProgram(5, 7, 'sum'),
    ])
      expect(p.getUserCode()).toContain('uniforms.size');
  });
});
