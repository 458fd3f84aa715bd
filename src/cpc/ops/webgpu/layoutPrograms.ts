import { flatProgram, type WebGpuProgram } from './columnsPrograms';

/** The element-wise ops that flatKernels.ts takes with a vector along the last axis, as WGSL. */
export const VECTOR_OPS = { Add: '+', Sub: '-', Multiply: '*', RealDiv: '/' } as const;
export type VectorOp = keyof typeof VECTOR_OPS;

/**
 * Which of a and b is a vector along the other's last axis: C values, every dimension before the last
 * 1 ([C], [1, 1, 1, C]), no more dimensions than the other, which has rank ≥ 2 and more than C values
 * (a bias, a norm's per-channel mean or gain). Null for neither.
 */
export function vectorSide(a: number[], b: number[]): 'a' | 'b' | null {
  const size = (s: number[]) => s.reduce((p, d) => p * d, 1);
  const isVector = (v: number[], x: number[]) =>
    v.length >= 1 &&
    v.length <= x.length &&
    x.length >= 2 &&
    v[v.length - 1] === x[x.length - 1] &&
    size(v) === v[v.length - 1] &&
    size(x) > size(v);
  return isVector(b, a) ? 'b' : isVector(a, b) ? 'a' : null;
}

/**
 * a OP b where `vector` (one of them) holds C values along the other's last axis: one invocation per
 * output element, or per four when C is a multiple of 4. tfjs' binary ops index a broadcast input
 * through its coordinates, and stage a vector under 128 long in workgroup memory behind a barrier,
 * which software GPUs run slowly (the default preset's first bias add: 213 ms on SwiftShader).
 */
export function vectorOpProgram(
  op: VectorOp,
  outputShape: number[],
  c: number,
  vector: 'a' | 'b',
): WebGpuProgram {
  const size = outputShape.reduce((p, d) => p * d, 1);
  const lanes = c % 4 === 0 ? 4 : 1;
  const [a, b] = vector === 'a' ? ['a[index % CV]', 'b[index]'] : ['a[index]', 'b[index % CV]'];
  const code = `
const CV : i32 = ${c / lanes};
fn main(index : i32) {
  if (index >= uniforms.size) { return; }
  result[index] = ${a} ${VECTOR_OPS[op]} ${b};
}`;
  const key = `cpcVectorOp_${op}_${c}_${lanes}_${vector}`;
  const program = flatProgram(key, outputShape, code, ['a', 'b'], size / lanes);
  return lanes === 4 ? { ...program, outputComponent: 4, variableComponents: [4, 4] } : program;
}

/**
 * x transposed by `perm` (out dimension i is x's perm[i]): one invocation per output element, the
 * shape and strides compiled in as constants. tfjs' 2-D transpose tiles through workgroup memory.
 */
export function transposeProgram(shape: number[], perm: number[]): WebGpuProgram {
  const outShape = perm.map((p) => shape[p]);
  const inStrides = strides(shape);
  const outStrides = strides(outShape);
  const lines = outShape.map((_, i) =>
    i < outShape.length - 1
      ? `  let c${i} = rest / ${outStrides[i]}; rest = rest - c${i} * ${outStrides[i]};`
      : `  let c${i} = rest;`,
  );
  const source = outShape.map((_, i) => `c${i} * ${inStrides[perm[i]]}`).join(' + ');
  const code = `
fn main(index : i32) {
  if (index >= uniforms.size) { return; }
  var rest = index;
${lines.join('\n')}
  result[index] = x[${source}];
}`;
  return flatProgram(`cpcTranspose_${shape.join('x')}_${perm.join('')}`, outShape, code, ['x']);
}

function strides(shape: number[]): number[] {
  const out = shape.map(() => 1);
  for (let i = shape.length - 2; i >= 0; i--) out[i] = out[i + 1] * shape[i + 1];
  return out;
}
