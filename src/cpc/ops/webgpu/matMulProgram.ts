import { flatProgram, type WebGpuProgram } from './columnsPrograms';

/** One batched matrix product, as tfjs' BatchMatMul describes it: out[b] = op(A[b]) · op(B[b]). */
export interface MatMulShape {
  /** Matrices in the output; A and B each hold `batch` of them, or one that every product shares. */
  batch: number;
  batchA: number;
  batchB: number;
  /** out [batch, m, n] = A' [m, k] · B' [k, n]. */
  m: number;
  k: number;
  n: number;
  /** A is stored [k, m] (else [m, k]); B is stored [n, k] (else [k, n]). */
  transposeA: boolean;
  transposeB: boolean;
}

/** Output rows each invocation computes (fewer when m is smaller). */
export const ROWS_PER_INVOCATION = 8;

/**
 * Whether matMulProgram computes this product: float32 with n a multiple of 4 (the output is written
 * as vec4s), each side one matrix or `batch` of them. tfjs' own kernel runs the rest.
 */
export function matMulFits(s: MatMulShape): boolean {
  const sides = (s.batchA === s.batch || s.batchA === 1) && (s.batchB === s.batch || s.batchB === 1);
  return s.n % 4 === 0 && s.n > 0 && s.m > 0 && s.k > 0 && sides;
}

/**
 * out [batch, m, n] as vec4s: each invocation computes `rows` × 4 outputs (rows next to each other,
 * four columns), reading A one value at a time and B four columns at a time, straight from memory,
 * with no workgroup memory and no barrier. tfjs' tiled kernels stage tiles in workgroup memory between
 * barriers, which software GPUs (SwiftShader) run slowly: there the default preset's products ran at
 * 0.3 GFLOP/s, and at 2–3 GFLOP/s in this form (docs/benchmarks.md, round 10). The shape is compiled
 * in as constants; `uniforms.size` (the output's vec4 count) bounds the writes.
 */
export function matMulProgram(s: MatMulShape): WebGpuProgram {
  const rows = Math.min(ROWS_PER_INVOCATION, s.m);
  const blocks = Math.ceil(s.m / rows);
  const n4 = s.n / 4;
  const readA = s.transposeA ? 'A[offsetA + k * M + ROW]' : 'A[offsetA + ROW * K + k]';
  const readB = s.transposeB
    ? 'vec4<f32>(B[offsetB + c * K + k], B[offsetB + (c + 1) * K + k], B[offsetB + (c + 2) * K + k], B[offsetB + (c + 3) * K + k])'
    : 'B[offsetB + k * N4 + col4]';
  const each = (line: (r: number) => string) => Array.from({ length: rows }, (_, r) => line(r)).join('\n');
  // Rows past m read row m − 1 (any valid row would do) and are not written.
  const row = (r: number) => `min(row0 + ${r}, M - 1)`;
  const code = `
const M : i32 = ${s.m};
const K : i32 = ${s.k};
const N4 : i32 = ${n4};
const BLOCKS : i32 = ${blocks};
const BATCH : i32 = ${s.batch};
fn main(index : i32) {
  let col4 = index % N4;
  let t = index / N4;
  let block = t % BLOCKS;
  let b = t / BLOCKS;
  if (b >= BATCH) { return; }
  let row0 = block * ${rows};
  let c = col4 * 4;
  let offsetA = ${s.batchA === 1 ? '0' : 'b * M * K'};
  let offsetB = ${s.batchB === 1 ? '0' : `b * K * ${s.transposeB ? 'N4 * 4' : 'N4'}`};
${each((r) => `  var acc${r} = vec4<f32>(0.0);`)}
  for (var k = 0; k < K; k++) {
    let bk = ${readB};
${each((r) => `    acc${r} += ${readA.replace('ROW', row(r))} * bk;`)}
  }
${each((r) => `  if (row0 + ${r} < M) { let o = (b * M + row0 + ${r}) * N4 + col4; if (o < uniforms.size) { result[o] = acc${r}; } }`)}
}`;
  const key = `cpcMatMul_${s.batch}_${s.batchA}_${s.batchB}_${s.m}_${s.k}_${s.n}_${+s.transposeA}${+s.transposeB}`;
  const program = flatProgram(key, [s.batch, s.m, s.n], code, ['A', 'B'], s.batch * blocks * n4);
  return { ...program, outputComponent: 4, variableComponents: [1, s.transposeB ? 1 : 4] };
}
