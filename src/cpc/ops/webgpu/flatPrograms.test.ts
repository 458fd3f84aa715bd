import { describe, expect, it } from 'vitest';
import { transposeProgram, vectorOpProgram, vectorSide } from './layoutPrograms';
import { leadingReduceProgram, MAX_ROW, reducePlan, trailingReduceProgram } from './reducePrograms';

describe('which adds and reductions our flat kernels take (tfjs’ kernels run the rest)', () => {
  it('a vector along the other side’s last axis, on either side, of any rank up to the other’s', () => {
    expect(vectorSide([576, 4, 4, 64], [64])).toBe('b');
    expect(vectorSide([1152, 4, 4, 64], [1, 1, 1, 64])).toBe('b'); // a batch norm's mean
    expect(vectorSide([5], [4, 5])).toBe('a');
    expect(vectorSide([4, 5], [1, 5])).toBe('b');
    expect(vectorSide([4, 5], [4, 5])).toBeNull(); // same shapes: tfjs' flat kernel is fine
    expect(vectorSide([64], [64])).toBeNull();
    expect(vectorSide([4, 5], [4])).toBeNull();
    expect(vectorSide([4, 5], [2, 5])).toBeNull(); // not a vector
    expect(vectorSide([4, 5], [1, 1, 5])).toBeNull(); // would add a dimension to the output
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
    // Everything, kept as [1, 1]: along one row when short, else in passes with one column.
    expect(reducePlan([30, 40], [0, 1], true)).toMatchObject({ kind: 'trailing', rows: 1, length: 1200 });
    expect(reducePlan([MAX_ROW + 1, 1], 0, false)).toEqual({
      kind: 'leading',
      rows: MAX_ROW + 1,
      c: 1,
      outShape: [1],
    });
  });

  it('leaves the rest to tfjs', () => {
    expect(reducePlan([3, 4, 5], 1, false)).toBeNull(); // a middle axis
    expect(reducePlan([1, 5], 0, false)).toBeNull(); // nothing to reduce
    expect(reducePlan([], [], false)).toBeNull();
    expect(reducePlan([864], 0, false)).toBeNull(); // a scalar (see reducePlan)
    expect(reducePlan([30, 40], [0, 1], false)).toBeNull();
    expect(reducePlan([2, MAX_ROW + 1], 1, false)).toBeNull(); // a row too long, not leading
  });
});

describe('the flat programs (WGSL for tfjs-webgpu; checked against tfjs on the GPU in e2e/backends.spec.ts)', () => {
  it('vector ops: four values an invocation when C is a multiple of 4, the operands in their order', () => {
    const p = vectorOpProgram('Add', [576, 4, 4, 64], 64, 'b');
    expect(p.dispatch).toEqual([(576 * 16 * 64) / 4 / 64, 1, 1]);
    expect(p).toMatchObject({ outputComponent: 4, variableComponents: [4, 4], variableNames: ['a', 'b'] });
    expect(p.getUserCode()).toContain('const CV : i32 = 16;');
    expect(p.getUserCode()).toContain('result[index] = a[index] + b[index % CV];');
    const odd = vectorOpProgram('Sub', [4, 5], 5, 'a');
    expect(odd.outputComponent).toBeUndefined();
    expect(odd.getUserCode()).toContain('result[index] = a[index % CV] - b[index];');
    const keys = new Set(
      [p, odd, vectorOpProgram('Sub', [4, 5], 5, 'b'), vectorOpProgram('RealDiv', [4, 5], 5, 'a')].map(
        (q) => q.shaderKey,
      ),
    );
    expect(keys.size).toBe(4);
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
    // A mean is a sum whose last pass divides by every value reduced (9,216 rows: 144, then 3, then 1).
    expect(leadingReduceProgram(9216, 64, 'mean').getUserCode()).toContain('result[index] = acc;');
    expect(leadingReduceProgram(3, 64, 'mean', 9216).getUserCode()).toContain(
      `result[index] = acc * ${(1 / 9216).toPrecision(9)};`,
    );
    expect(trailingReduceProgram(864, 8, 'mean').getUserCode()).toContain(
      'result[index] = acc * 0.125000000;',
    );
  });

  it('every program reads its uniforms (WebGPU refuses a pipeline whose layout lacks them)', () => {
    for (const p of [
      vectorOpProgram('Multiply', [4, 8], 8, 'b'),
      transposeProgram([3, 5], [1, 0]),
      leadingReduceProgram(100, 3, 'sum'),
      trailingReduceProgram(5, 7, 'sum'),
    ])
      expect(p.getUserCode()).toContain('uniforms.size');
  });
});
