import { flatProgram, type WebGpuProgram } from './columnsPrograms';

/** Which of a + b is a bias [C] along the other's last axis ([.., C], rank ≥ 2); null for neither. */
export function biasSide(a: number[], b: number[]): 'a' | 'b' | null {
  const isBias = (v: number[], x: number[]) => v.length === 1 && x.length >= 2 && v[0] === x[x.length - 1];
  return isBias(b, a) ? 'b' : isBias(a, b) ? 'a' : null;
}

/**
 * x [.., C] + v [C] (a bias along the last axis), one invocation per output element, or per four
 * when C is a multiple of 4. tfjs' Add for a vector under 128 long stages it in workgroup memory
 * behind a barrier, which software GPUs run slowly (the default preset's first bias: 213 ms on
 * SwiftShader).
 */
export function biasAddProgram(outputShape: number[], c: number): WebGpuProgram {
  const size = outputShape.reduce((a, b) => a * b, 1);
  const lanes = c % 4 === 0 ? 4 : 1;
  const code = `
const CV : i32 = ${c / lanes};
fn main(index : i32) {
  if (index >= uniforms.size) { return; }
  result[index] = x[index] + v[index % CV];
}`;
  const program = flatProgram(`cpcBiasAdd_${c}_${lanes}`, outputShape, code, ['x', 'v'], size / lanes);
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
