import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { replaceWasmKernel } from './replaceWasmKernel';
import { simdKernels, type SimdKernels } from './simd/simdKernels';

/**
 * tfjs-wasm 4.22's Transpose works out every value's source index: 5.1 ms for [576, 8, 8, 32] with its
 * first and last axes swapped, the move every convolution's filter gradient makes twice (batch as
 * channels). Replaced, for float32, by the SIMD kernels (simd/layout.wat): the permutation is first
 * collapsed (axes that stay neighbours merge), and what is left moves as strided 2-D transposes, four by
 * four values, or as whole rows where the last axis stays last. Same values; other permutations and
 * dtypes go to tfjs. Call once, after importing the wasm backend.
 */
export function installWasmTranspose(): void {
  replaceWasmKernel(tf.Transpose, (original) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { perm } = args.attrs as unknown as { perm: number[] };
    const backend = args.backend as BackendWasm;
    const simd = x.dtype === 'float32' ? simdKernels(backend) : null;
    const plan = simd ? transposePlan(x.shape, perm) : null;
    if (!simd || !plan) return original(args);
    const out = backend.makeOutput(
      perm.map((p) => x.shape[p]),
      'float32',
    );
    if (tf.util.sizeFromShape(x.shape) > 0)
      run(simd, plan, backend.getMemoryOffset(x.dataId), backend.getMemoryOffset(out.dataId));
    return out;
  });
}

/**
 * A permutation collapsed to at most three axes [A, M, B] (sizes), with what moves where:
 * - 'swap-outer': [A, M, B] → [B, M, A] (A = 1 or M = 1 cover the 2-D transposes);
 * - 'swap-inner': [A, M, B] → [A, B, M], a 2-D transpose per A;
 * - 'rows': [A, M, B] → [M, A, B], rows of B values moving whole;
 * - 'copy': nothing moves.
 */
export type TransposePlan =
  | { kind: 'swap-outer' | 'swap-inner' | 'rows'; sizes: [number, number, number] }
  | { kind: 'copy'; size: number };

/** The plan for `perm` on `shape`, or null for a permutation that collapses to none of the four. */
export function transposePlan(shape: readonly number[], perm: readonly number[]): TransposePlan | null {
  // Drop axes of size 1, then merge input axes that stay neighbours, in order, in the output.
  const kept = perm.filter((p) => shape[p] !== 1);
  const groups: number[][] = [];
  for (const p of kept) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1] + nextKept(shape, last[last.length - 1]) === p) last.push(p);
    else groups.push([p]);
  }
  const size = (group: number[]) => group.reduce((s, p) => s * shape[p], 1);
  // The groups in input order, and the output order as indices into that.
  const byInput = [...groups].sort((a, b) => a[0] - b[0]);
  const order = groups.map((g) => byInput.indexOf(g));
  const sizes = byInput.map(size);
  const total = sizes.reduce((s, n) => s * n, 1);
  if (order.length <= 1) return { kind: 'copy', size: total };
  if (order.length === 2) return { kind: 'swap-outer', sizes: [sizes[0], 1, sizes[1]] }; // [1, 0]
  if (order.length > 3) return null;
  const [a, m, b] = sizes as [number, number, number];
  const key = order.join('');
  if (key === '210') return { kind: 'swap-outer', sizes: [a, m, b] };
  if (key === '021') return { kind: 'swap-inner', sizes: [a, m, b] };
  if (key === '102') return { kind: 'rows', sizes: [a, m, b] };
  if (key === '120') return { kind: 'swap-outer', sizes: [a, 1, m * b] }; // [A, (M B)] → [(M B), A]
  if (key === '201') return { kind: 'swap-outer', sizes: [a * m, 1, b] }; // [(A M), B] → [B, (A M)]
  return null;
}

/** How many axes after `axis` to the next one of size > 1 (1 when it is the next). */
function nextKept(shape: readonly number[], axis: number): number {
  let next = axis + 1;
  while (next < shape.length && shape[next] === 1) next++;
  return next - axis;
}

function run(simd: SimdKernels, plan: TransposePlan, src: number, dst: number): void {
  if (plan.kind === 'copy') {
    simd.copyRows(src, dst, 1, plan.size, 0, 0);
    return;
  }
  const [a, m, b] = plan.sizes;
  const bytes = 4;
  if (plan.kind === 'swap-outer') {
    // out[b, m, a] = in[a, m, b]: one strided [A, B] transpose per m.
    for (let i = 0; i < m; i++) simd.transpose(src + i * b * bytes, dst + i * a * bytes, a, b, m * b, m * a);
  } else if (plan.kind === 'swap-inner') {
    // out[a, b, m] = in[a, m, b]: one [M, B] transpose per a.
    for (let i = 0; i < a; i++) simd.transpose(src + i * m * b * bytes, dst + i * m * b * bytes, m, b, b, m);
  } else {
    // out[m, a, :] = in[a, m, :]: for each m, A rows of B values, M·B apart in the input.
    for (let i = 0; i < m; i++) simd.copyRows(src + i * b * bytes, dst + i * a * b * bytes, a, b, m * b, b);
  }
}
