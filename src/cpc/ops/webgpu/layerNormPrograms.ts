import { flatProgram, WORKGROUP, type WebGpuProgram } from './columnsPrograms';

/**
 * Layer norm over x [N, F] (each sample's F = S·C features, channels innermost), a per-channel gain and
 * bias [C], and an optional (leaky) ReLU with `slope`: the four WGSL programs of the fused layer norm
 * (src/cpc/nn/fusedLayerNorm.ts), where tf ops take about 10 kernels forward and 12 back.
 */
export interface LayerNormShape {
  n: number;
  f: number;
  c: number;
  /** Slope of the (leaky) ReLU after the norm; null for none. */
  slope: number | null;
}

export const LN_EPSILON = 1e-5;
/** Rows (sample × position) summed by one invocation of the channel sums. */
export const CHANNEL_ROWS = 64;

function constants({ n, f, c, slope }: LayerNormShape): string {
  return `
const N : i32 = ${n};
const F : i32 = ${f};
const C : i32 = ${c};
const ROWS : i32 = ${(n * f) / c};
const CHUNK : i32 = ${CHANNEL_ROWS};
const SLOPE : f32 = ${slope === null ? '1.0' : slope.toFixed(9)};
const LANES : i32 = ${WORKGROUP};
const EPSILON : f32 = ${LN_EPSILON};`;
}

const key = (name: string, s: LayerNormShape) => `${name}_${s.n}_${s.f}_${s.c}_${s.slope ?? 'none'}`;

/** A sum over a workgroup's 64 lanes, in `lanes`; every lane returns it. Call in uniform control flow. */
const WORKGROUP_SUM = `
var<workgroup> lanes : array<vec2<f32>, ${WORKGROUP}>;
fn workgroupSum(lane : i32, value : vec2<f32>) -> vec2<f32> {
  lanes[lane] = value;
  workgroupBarrier();
  for (var span = LANES / 2; span > 0; span = span / 2) {
    if (lane < span) { lanes[lane] = lanes[lane] + lanes[lane + span]; }
    workgroupBarrier();
  }
  let total = lanes[0];
  workgroupBarrier();
  return total;
}`;

/** x [N, F] → stats [N, 2]: (mean, 1/sqrt(variance + ε)) per sample, one workgroup per sample, two passes. */
export function layerNormStatsProgram(s: LayerNormShape): WebGpuProgram {
  const code = `${constants(s)}
${WORKGROUP_SUM}
fn main(index : i32) {
  let item = min(index / LANES, N - 1);
  let lane = index % LANES;
  let base = item * F;
  var sum = 0.0;
  for (var i = lane; i < F; i += LANES) { sum += x[base + i]; }
  let mean = workgroupSum(lane, vec2<f32>(sum, 0.0)).x / f32(F);
  var squares = 0.0;
  for (var i = lane; i < F; i += LANES) { let d = x[base + i] - mean; squares += d * d; }
  let variance = workgroupSum(lane, vec2<f32>(squares, 0.0)).x / f32(F);
  if (lane == 0 && index / LANES * 2 < uniforms.size) {
    result[item * 2] = mean;
    result[item * 2 + 1] = inverseSqrt(variance + EPSILON);
  }
}`;
  return flatProgram(key('cpcLnStats', s), [s.n, 2], code, ['x'], s.n * WORKGROUP);
}

/** x̂ at flat index i of x (n its sample), and the activation's derivative at its input (1 or SLOPE). */
const AFFINE = `
fn normalised(i : i32, n : i32) -> f32 { return (x[i] - stats[n * 2]) * stats[n * 2 + 1]; }
fn through(affine : f32) -> f32 { return select(SLOPE, 1.0, affine > 0.0); }`;

/** x [N, F], stats, gain, bias → y [N, F] = act(x̂ · gain + bias). */
export function layerNormApplyProgram(s: LayerNormShape): WebGpuProgram {
  const activation = s.slope === null ? 'y' : 'select(y * SLOPE, y, y >= 0.0)';
  const code = `${constants(s)}
${AFFINE}
fn main(index : i32) {
  if (index >= uniforms.size) { return; }
  let c = index % C;
  let y = normalised(index, index / F) * gain[c] + bias[c];
  result[index] = ${activation};
}`;
  return flatProgram(key('cpcLnApply', s), [s.n, s.f], code, ['x', 'stats', 'gain', 'bias']);
}

/** dy through the activation at flat index i, and x̂ there. SLOPE 1 is no activation (or an identity one). */
const BACK = `
fn back(i : i32, n : i32) -> vec2<f32> {
  let c = i % C;
  let xh = normalised(i, n);
  var dy = dOut[i];
  if (SLOPE != 1.0) { dy = dy * through(xh * gain[c] + bias[c]); }
  return vec2<f32>(dy, xh);
}`;

/**
 * dOut, x, stats, gain, bias → dx [N, F] = (dx̂ − mean(dx̂) − x̂ · mean(dx̂ · x̂)) · inv, dx̂ = dy · gain, the
 * means per sample: one workgroup per sample, its two sums in one reduction.
 */
export function layerNormBackDxProgram(s: LayerNormShape): WebGpuProgram {
  const code = `${constants(s)}
${WORKGROUP_SUM}
${AFFINE}
${BACK}
fn main(index : i32) {
  let item = min(index / LANES, N - 1);
  let lane = index % LANES;
  let base = item * F;
  var sums = vec2<f32>(0.0, 0.0);
  for (var i = lane; i < F; i += LANES) {
    let b = back(base + i, item);
    let dxh = b.x * gain[(base + i) % C];
    sums += vec2<f32>(dxh, dxh * b.y);
  }
  let means = workgroupSum(lane, sums) / f32(F);
  if (base >= uniforms.size) { return; }
  let inv = stats[item * 2 + 1];
  for (var i = lane; i < F; i += LANES) {
    let b = back(base + i, item);
    let dxh = b.x * gain[(base + i) % C];
    result[base + i] = (dxh - means.x - b.y * means.y) * inv;
  }
}`;
  return flatProgram(
    key('cpcLnBackDx', s),
    [s.n, s.f],
    code,
    ['dOut', 'x', 'stats', 'gain', 'bias'],
    s.n * WORKGROUP,
  );
}

/**
 * dOut, x, stats, gain, bias → partial sums [chunks, 2, C] of dy · x̂ (the gain's gradient) and dy (the
 * bias's), each invocation over CHANNEL_ROWS rows of one channel; the caller sums the chunks.
 */
export function layerNormBackChannelProgram(s: LayerNormShape): WebGpuProgram {
  const chunks = Math.ceil((s.n * s.f) / s.c / CHANNEL_ROWS);
  const code = `${constants(s)}
${AFFINE}
${BACK}
fn main(index : i32) {
  if (index >= uniforms.size) { return; }
  let c = index % C;
  let which = (index / C) % 2;
  let chunk = index / (2 * C);
  var sum = 0.0;
  for (var row = chunk * CHUNK; row < min(chunk * CHUNK + CHUNK, ROWS); row++) {
    let i = row * C + c;
    let b = back(i, i / F);
    sum += select(b.x, b.x * b.y, which == 0);
  }
  result[index] = sum;
}`;
  return flatProgram(key('cpcLnBackChannel', s), [chunks, 2, s.c], code, [
    'dOut',
    'x',
    'stats',
    'gain',
    'bias',
  ]);
}
