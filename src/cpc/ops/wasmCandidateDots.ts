import * as tf from '@tensorflow/tfjs';
import { addresses, ownWasmKernelReady, registerOwnWasmKernel } from './ownWasmKernel';

/**
 * candidateDots (candidateDots.ts) as three kernels of our own on WASM, from the SIMD module
 * (simd/candidates.wat): the scores, and the gradient for the predictions and for the codes. Composed of
 * tfjs kernels, the op gathers every candidate's code into an [M, W, D] tensor (CPC v2: [3456, 32, 64],
 * 28 MB, the step's peak), multiplies and sums it, and in the backward pass multiplies twice more and
 * scatters back: ten kernels, 12 ms of Keras CPC's step and 32 of CPC v2's. These read each candidate's
 * code where it lies. Each product is rounded to float32 and the sums add in the order tfjs' kernels
 * add, so scores and gradients are equal to the bit.
 */
export const CANDIDATE_DOTS = 'CpcCandidateDots';
export const CANDIDATE_DOTS_GRAD_PREDS = 'CpcCandidateDotsGradPreds';
export const CANDIDATE_DOTS_GRAD_CODES = 'CpcCandidateDotsGradCodes';

/** Registers the three kernels on wasm (once). Call after importing the wasm backend. */
export function installWasmCandidateDots(): void {
  registerOwnWasmKernel(CANDIDATE_DOTS, (simd, backend, { preds, codes, candidates }) => {
    const [m, d] = preds.shape;
    const w = tf.util.sizeFromShape(candidates.shape) / m;
    const out = backend.makeOutput([m, w], 'float32');
    const [p, z, c, o] = addresses(backend, preds, codes, candidates, out);
    simd.candidateDots(p, z, c, m, w, d, o);
    return out;
  });
  registerOwnWasmKernel(CANDIDATE_DOTS_GRAD_PREDS, (simd, backend, { dy, codes, candidates }) => {
    const [m, w] = dy.shape;
    const d = codes.shape[1];
    const out = backend.makeOutput([m, d], 'float32');
    const [g, z, c, o] = addresses(backend, dy, codes, candidates, out);
    simd.candidateDotsGradPreds(g, z, c, m, w, d, o);
    return out;
  });
  registerOwnWasmKernel(CANDIDATE_DOTS_GRAD_CODES, (simd, backend, { dy, preds, candidates }, { rows }) => {
    const [m, w] = dy.shape;
    const d = preds.shape[1];
    const out = backend.makeOutput([rows, d], 'float32');
    const [g, p, c, o] = addresses(backend, dy, preds, candidates, out);
    simd.candidateDotsGradCodes(g, p, c, m, w, d, rows * d, o);
    return out;
  });
}

/** Whether the active backend runs the three kernels: wasm, with them installed and SIMD available. */
export function fusedCandidateDotsReady(): boolean {
  return ownWasmKernelReady(CANDIDATE_DOTS);
}
