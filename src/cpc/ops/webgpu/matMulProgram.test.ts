import { describe, expect, it } from 'vitest';
import { matMulShape } from './matMulKernel';
import { matMulFits, matMulProgram, matMulSplits, type MatMulShape } from './matMulProgram';

const f32 = (...shape: number[]) => ({ shape, dtype: 'float32' as const });
const plain = { transposeA: false, transposeB: false };

// The default preset's col2im input: dy [2304, 64] · wᵀ, w stored [576, 64].
const DX: MatMulShape = {
  batch: 1,
  batchA: 1,
  batchB: 1,
  m: 2304,
  k: 64,
  n: 576,
  transposeA: false,
  transposeB: true,
};

describe('matMulShape: the product BatchMatMul was given', () => {
  it('reads m, k and n through either transpose', () => {
    expect(matMulShape(f32(1, 2304, 64), f32(1, 576, 64), { transposeA: false, transposeB: true })).toEqual({
      shape: DX,
      outShape: [1, 2304, 576],
    });
    const t = matMulShape(f32(3, 7, 13), f32(1, 7, 8), { transposeA: true, transposeB: false });
    expect(t?.shape).toMatchObject({ batch: 3, batchA: 3, batchB: 1, m: 13, k: 7, n: 8 });
    expect(t?.outShape).toEqual([3, 13, 8]);
  });

  it('folds outer dimensions into one batch and broadcasts a single matrix as tfjs does', () => {
    expect(matMulShape(f32(2, 3, 17, 6), f32(2, 3, 6, 8), plain)).toMatchObject({
      shape: { batch: 6, batchA: 6, batchB: 6 },
      outShape: [2, 3, 17, 8],
    });
    expect(matMulShape(f32(1, 1, 5, 6), f32(3, 6, 8), plain)?.outShape).toEqual([1, 3, 5, 8]);
    expect(matMulShape(f32(5, 6), f32(6, 8), plain)?.outShape).toEqual([5, 8]);
  });

  it('leaves tfjs’ kernel what the program does not fit', () => {
    expect(matMulShape(f32(1, 5, 6), f32(1, 6, 6), plain)).toBeNull(); // n not a multiple of 4
    expect(matMulShape(f32(2, 5, 6), f32(3, 6, 8), plain)).toBeNull(); // batches 2 and 3
    expect(matMulShape(f32(1, 5, 6), f32(1, 7, 8), plain)).toBeNull(); // k 6 against 7
    expect(matMulShape({ shape: [1, 5, 6], dtype: 'int32' }, f32(1, 6, 8), plain)).toBeNull();
    expect(matMulFits({ ...DX, n: 0 })).toBe(false);
  });
});

describe('matMulProgram (WGSL for tfjs-webgpu; checked against tfjs on the GPU in e2e/backends.spec.ts)', () => {
  it('dispatches one invocation per 8 rows × 4 columns of each product', () => {
    const p = matMulProgram(DX);
    expect(p.dispatch).toEqual([((2304 / 8) * (576 / 4)) / 64, 1, 1]);
    expect(p.outputShape).toEqual([1, 2304, 576]);
    expect(p.variableNames).toEqual(['A', 'B']);
    expect(p.outputComponent).toBe(4);
    expect(p.variableComponents).toEqual([1, 1]); // B transposed: read one value at a time
    expect(matMulProgram({ ...DX, transposeB: false }).variableComponents).toEqual([1, 4]);
  });

  it('takes fewer rows per invocation when the product has fewer, and a partial last block', () => {
    const small = matMulProgram({ ...DX, m: 5 });
    expect(small.dispatch[0]).toBe(Math.ceil((1 * 144) / 64));
    expect(small.getUserCode()).toContain('acc4');
    expect(small.getUserCode()).not.toContain('acc5');
    const ragged = matMulProgram({ ...DX, m: 13, batch: 3, batchA: 3 });
    expect(ragged.getUserCode()).toContain('const BLOCKS : i32 = 2;');
    expect(ragged.dispatch[0]).toBe(Math.ceil((3 * 2 * 144) / 64));
  });

  it('reads A and B where each transpose puts them, a shared matrix at offset 0', () => {
    const code = (s: Partial<MatMulShape>) => matMulProgram({ ...DX, ...s }).getUserCode();
    expect(code({ transposeA: false })).toContain('A[offsetA + min(row0 + 0, M - 1) * K + k]');
    expect(code({ transposeA: true })).toContain('A[offsetA + k * M + min(row0 + 0, M - 1)]');
    expect(code({ transposeB: false })).toContain('B[offsetB + k * N4 + col4]');
    expect(code({ transposeB: true })).toContain('B[offsetB + (c + 3) * K + k]');
    expect(code({ batch: 2, batchA: 1, batchB: 2 })).toContain('let offsetA = 0;');
    expect(code({ batch: 2, batchA: 2, batchB: 1 })).toContain('let offsetA = b * M * K;');
    expect(code({ batch: 2, batchA: 1, batchB: 2 })).toContain('let offsetB = b * K * N4 * 4;');
  });

  it('reads its uniforms (WebGPU refuses a pipeline whose layout lacks them) and keys every constant', () => {
    expect(matMulProgram(DX).getUserCode()).toContain('uniforms.size');
    const keys = new Set(
      [
        DX,
        { ...DX, m: 2305 },
        { ...DX, k: 65 },
        { ...DX, n: 580 },
        { ...DX, transposeA: true },
        { ...DX, transposeB: false },
        { ...DX, batch: 2, batchB: 2 },
        { ...DX, batch: 2, batchA: 2 },
      ].map((s) => matMulProgram(s).shaderKey),
    );
    expect(keys.size).toBe(8);
  });

  it('splits a long k when the output needs few invocations, and writes the partial products after each other', () => {
    // CPC v2's 8×8 filter gradient: colsᵀ [288, 36864] · dy [36864, 32]: 288 invocations unsplit.
    const dw: MatMulShape = { ...DX, m: 288, k: 36864, n: 32, transposeA: true, transposeB: false };
    expect(matMulSplits(dw)).toBe(14); // 4096 / 288 invocations
    expect(matMulSplits({ ...dw, k: 4095 })).toBe(1);
    expect(matMulSplits(DX)).toBe(1); // 41,472 invocations
    expect(matMulSplits({ ...dw, m: 8, n: 4, k: 4100 })).toBe(9); // runs of at least 512
    const p = matMulProgram(dw, 14);
    expect(p.outputShape).toEqual([14, 288, 32]);
    expect(p.dispatch[0]).toBe(Math.ceil((14 * 288) / 64));
    expect(p.getUserCode()).toContain('const RUN : i32 = 2634;'); // ceil(36864 / 14)
    expect(p.getUserCode()).toContain('for (var k = part * RUN; k < min(K, (part + 1) * RUN); k++)');
    expect(p.shaderKey).not.toBe(matMulProgram(dw, 13).shaderKey);
  });
});
