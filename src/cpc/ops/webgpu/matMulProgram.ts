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
 * A product over a k of SPLIT_K_FROM or more with fewer than FEW_INVOCATIONS / 2 invocations is split
 * along k, into up to FEW_INVOCATIONS invocations in all.
 */
export const FEW_INVOCATIONS = 4096;
export const SPLIT_K_FROM = 4096;
/** The shortest run of k an invocation of a split product takes. */
const MIN_SPLIT_RUN = 512;

/**
 * Into how many runs of k to split a product (matMulProgram's `splits`; 1 for none). A filter gradient
 * (colsᵀ · dy) has a small output and a long k: CPC v2's 8×8 layers, [288, 32] over 36,864 rows, are
 * 288 invocations of 36,864 steps each unsplit, too few to fill a GPU. Split, each run's partial
 * product is summed after (flatKernels.ts reduceRows).
 */
export function matMulSplits(s: MatMulShape): number {
  const invocations = s.batch * Math.ceil(s.m / Math.min(ROWS_PER_INVOCATION, s.m)) * (s.n / 4);
  if (s.k < SPLIT_K_FROM || invocations >= FEW_INVOCATIONS / 2) return 1;
  return Math.min(Math.ceil(s.k / MIN_SPLIT_RUN), Math.floor(FEW_INVOCATIONS / invocations));
}

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
 * in as constants; `uniforms.size` (the output's vec4 count) bounds the writes. With `splits` > 1 the
 * output is [splits · batch, m, n]: the partial products over `splits` runs of k, to be summed.
 */
export function matMulProgram(s: MatMulShape, splits = 1): WebGpuProgram {
  const rows = Math.min(ROWS_PER_INVOCATION, s.m);
  const blocks = Math.ceil(s.m / rows);
  const n4 = s.n / 4;
  const run = Math.ceil(s.k / splits);
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
const SPLITS : i32 = ${splits};
const RUN : i32 = ${run};
fn main(index : i32) {
  let col4 = index % N4;
  let t = index / N4;
  let block = t % BLOCKS;
  let t2 = t / BLOCKS;
  let b = t2 % BATCH;
  let part = t2 / BATCH;
  if (part >= SPLITS) { return; }
  let row0 = block * ${rows};
  let c = col4 * 4;
  let offsetA = ${s.batchA === 1 ? '0' : 'b * M * K'};
  let offsetB = ${s.batchB === 1 ? '0' : `b * K * ${s.transposeB ? 'N4 * 4' : 'N4'}`};
${each((r) => `  var acc${r} = vec4<f32>(0.0);`)}
  for (var k = part * RUN; k < min(K, (part + 1) * RUN); k++) {
    let bk = ${readB};
${each((r) => `    acc${r} += ${readA.replace('ROW', row(r))} * bk;`)}
  }
${each((r) => `  if (row0 + ${r} < M) { let o = ((part * BATCH + b) * M + row0 + ${r}) * N4 + col4; if (o < uniforms.size) { result[o] = acc${r}; } }`)}
}`;
  const key = `cpcMatMul_${s.batch}_${s.batchA}_${s.batchB}_${s.m}_${s.k}_${s.n}_${+s.transposeA}${+s.transposeB}_${splits}`;
  const invocations = splits * s.batch * blocks * n4;
  const program = flatProgram(key, [splits * s.batch, s.m, s.n], code, ['A', 'B'], invocations);
  return { ...program, outputComponent: 4, variableComponents: [1, s.transposeB ? 1 : 4] };
}
