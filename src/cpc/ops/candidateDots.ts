import * as tf from '@tensorflow/tfjs';
import { customGrad } from './customGrad';
import {
  CANDIDATE_DOTS,
  CANDIDATE_DOTS_GRAD_CODES,
  CANDIDATE_DOTS_GRAD_PREDS,
  fusedCandidateDotsReady,
} from './wasmCandidateDots';

/**
 * scores[m, j] = preds[m] · codes[candidates[m·W + j]]: each prediction against its own W candidates
 * only. The dense way, preds @ codesᵀ and then a gather, computes every prediction against every code
 * (M·P·D multiply-adds, three matrix products with the gradient) to keep M·W of them; with sampled
 * negatives W is 16–32 of P = 576–1152 codes. Here the candidates' codes are gathered once and dotted
 * row by row (M·W·D), with the gradient written out: the codes' gradient is summed back into their
 * rows by one ScatterNd (duplicates add up). Same values as the dense way up to summation order.
 * On WASM with SIMD, three kernels of our own do the same without the gathered [M, W, D] tensor
 * (wasmCandidateDots.ts), to the bit.
 */
export function candidateDots(
  preds: tf.Tensor2D, // [M, D]
  codes: tf.Tensor2D, // [P, D]
  candidates: tf.Tensor1D, // [M·W] int32 rows of codes, prediction-major
): tf.Tensor2D {
  const m = preds.shape[0];
  const width = candidates.size / m;
  if (!Number.isInteger(width)) {
    throw new Error(`candidateDots: ${candidates.size} candidates do not split into ${m} predictions.`);
  }
  if (fusedCandidateDotsReady()) return fusedCandidateDots(preds, codes, candidates);
  return composedCandidateDots(preds, codes, candidates);
}

/** candidateDots of tfjs kernels, on every backend (and the reference for the WASM kernels' tests). */
export function composedCandidateDots(
  preds: tf.Tensor2D, // [M, D]
  codes: tf.Tensor2D, // [P, D]
  candidates: tf.Tensor1D, // [M·W]
): tf.Tensor2D {
  const [m, d] = preds.shape;
  const width = candidates.size / m;
  const op = customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [p, z] = args as [tf.Tensor2D, tf.Tensor2D];
    const save = args[2] as tf.GradSaveFunc;
    const picked = tf.reshape(tf.gather(z, candidates, 0), [m, width, d]); // [M, W, D]
    const p3 = tf.reshape(p, [m, 1, d]); // [M, 1, D]
    save([p3, picked, candidates]);
    return {
      value: tf.sum(tf.mul(picked, p3), 2) as tf.Tensor2D, // [M, W]
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [ps, zs, rows] = saved;
        const dy3 = tf.reshape(dy, [m, width, 1]); // [M, W, 1]
        const dPreds = tf.sum(tf.mul(zs, dy3), 1); // [M, D]
        const dPicked = tf.reshape(tf.mul(ps, dy3), [m * width, d]); // [M·W, D]
        const dCodes = tf.scatterND(tf.reshape(rows, [-1, 1]), dPicked, z.shape); // [P, D]
        return [dPreds, dCodes];
      },
    };
  });
  return op(preds, codes) as tf.Tensor2D;
}

/** candidateDots by the three WASM kernels: nothing of size [M, W, D] is made, forward or back. */
function fusedCandidateDots(preds: tf.Tensor2D, codes: tf.Tensor2D, candidates: tf.Tensor1D): tf.Tensor2D {
  const rows = codes.shape[0];
  const op = customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [p, z] = args as [tf.Tensor2D, tf.Tensor2D];
    const save = args[2] as tf.GradSaveFunc;
    save([p, z, candidates]);
    return {
      value: tf.engine().runKernel(CANDIDATE_DOTS, { preds: p, codes: z, candidates }) as tf.Tensor2D, // [M, W]
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [ps, zs, picks] = saved;
        return [
          tf.engine().runKernel(CANDIDATE_DOTS_GRAD_PREDS, { dy, codes: zs, candidates: picks }) as tf.Tensor, // [M, D]
          tf
            .engine()
            .runKernel(
              CANDIDATE_DOTS_GRAD_CODES,
              { dy, preds: ps, candidates: picks },
              { rows },
            ) as tf.Tensor, // [P, D]
        ];
      },
    };
  });
  return op(preds, codes) as tf.Tensor2D;
}
