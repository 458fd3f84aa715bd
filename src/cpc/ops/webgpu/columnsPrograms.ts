import type { ColumnsGeometry } from '../convGeometry';
import { columnsShape } from './columnsGeometry';

/**
 * A compute program in the form tfjs-webgpu's `runWebGPUProgram` takes (its WebGPUProgram interface,
 * written out here so that the core needs no WebGPU types). tfjs declares the input buffers by
 * `variableNames`, the output as `result`, the shapes as uniforms, and calls `main(index)` once per
 * output element when `size` is set and the dispatch is flat. The code must read `uniforms` (its size,
 * say): the pipeline's layout is derived from the code, and an unread uniform buffer has no binding.
 */
export interface WebGpuProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size: boolean;
  getUserCode: () => string;
  /** Values per element of `result` (1 when absent; 4 binds it as vec4<f32>, and `size` counts vec4s). */
  outputComponent?: number;
  /** Values per element of each input, in `variableNames` order (outputComponent's when absent). */
  variableComponents?: number[];
}

export const WORKGROUP = 64;

/**
 * `main(index)` given the flat invocation index, ceil(invocations / 64) workgroups of 64 (by default one
 * invocation per output element). The inputs are bound as `variableNames`, in order.
 */
export function flatProgram(
  key: string,
  outputShape: number[],
  code: string,
  variableNames: string[] = ['src'],
  invocations = outputShape.reduce((a, b) => a * b, 1),
): WebGpuProgram {
  return {
    variableNames,
    outputShape,
    shaderKey: key,
    dispatchLayout: { x: outputShape.map((_, i) => i) },
    // tfjs folds an x dispatch past the device's limit into y and z (its reshapeDispatch).
    dispatch: [Math.ceil(invocations / WORKGROUP), 1, 1],
    workgroupSize: [WORKGROUP, 1, 1],
    size: true,
    getUserCode: () => code,
  };
}

/** The geometry as WGSL constants (i32), one `const` per field. */
function constants(g: ColumnsGeometry): string {
  const [, k] = columnsShape(g);
  const values = { ...g, k, howo: g.ho * g.wo, kwcin: g.kw * g.cin };
  return Object.entries(values)
    .map(([key, value]) => `const ${key.toUpperCase()} : i32 = ${value};`)
    .join('\n');
}

/**
 * x [N, H, W, Cin] → columns [N·Ho·Wo, kh·kw·Cin] (columnsGeometry.ts): one invocation per column
 * entry, a read or a zero, no shared memory and no barrier.
 */
export function im2colProgram(g: ColumnsGeometry): WebGpuProgram {
  const code = `
${constants(g)}
fn main(index : i32) {
  if (index >= uniforms.size) { return; }
  let row = index / K;
  let col = index - row * K;
  let n = row / HOWO;
  let p = row - n * HOWO;
  let oy = p / WO;
  let ox = p - oy * WO;
  let ky = col / KWCIN;
  let r = col - ky * KWCIN;
  let kx = r / CIN;
  let ci = r - kx * CIN;
  let iy = oy * STRIDE - TOP + ky;
  let ix = ox * STRIDE - LEFT + kx;
  var v = 0.0;
  if (iy >= 0 && iy < H && ix >= 0 && ix < W) {
    v = src[((n * H + iy) * W + ix) * CIN + ci];
  }
  result[index] = v;
}`;
  return flatProgram(`cpcIm2col_${geometryKey(g)}`, columnsShape(g), code);
}

/**
 * The adjoint of im2col: columns [N·Ho·Wo, kh·kw·Cin] → x-shaped [N, H, W, Cin], each input pixel the
 * sum of the column entries that read it (at most kh·kw). Written as a gather, one invocation per
 * input element, so no two invocations write the same place and no atomics are needed.
 */
export function col2imProgram(g: ColumnsGeometry): WebGpuProgram {
  const code = `
${constants(g)}
fn main(index : i32) {
  if (index >= uniforms.size) { return; }
  let ci = index % CIN;
  let t = index / CIN;
  let ix = t % W;
  let t2 = t / W;
  let iy = t2 % H;
  let n = t2 / H;
  var sum = 0.0;
  for (var ky = 0; ky < KH; ky++) {
    let ty = iy + TOP - ky;
    if (ty < 0 || ty % STRIDE != 0) { continue; }
    let oy = ty / STRIDE;
    if (oy >= HO) { continue; }
    for (var kx = 0; kx < KW; kx++) {
      let tx = ix + LEFT - kx;
      if (tx < 0 || tx % STRIDE != 0) { continue; }
      let ox = tx / STRIDE;
      if (ox >= WO) { continue; }
      sum += src[((n * HO + oy) * WO + ox) * K + (ky * KW + kx) * CIN + ci];
    }
  }
  result[index] = sum;
}`;
  return flatProgram(`cpcCol2im_${geometryKey(g)}`, [g.n, g.h, g.w, g.cin], code);
}

/** The geometry is compiled into the code as constants, so the pipeline cache's key must name it all. */
function geometryKey(g: ColumnsGeometry): string {
  return Object.values(g).join('_');
}
