import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filled } from '../testing/cpuWasm';
import { candidateDots, composedCandidateDots } from './candidateDots';
import { fusedCandidateDotsReady, installWasmCandidateDots } from './wasmCandidateDots';

/** Scores and both gradients of sum(scores ⊙ probe), as plain arrays. */
async function scoresAndGrads(f: typeof candidateDots, m: number, p: number, d: number, rows: number[]) {
  const preds = filled([m, d], 1) as tf.Tensor2D;
  const codes = filled([p, d], 2) as tf.Tensor2D;
  const candidates = tf.tensor1d(rows, 'int32');
  const probe = filled([m, rows.length / m], 3);
  const scores = tf.tidy(() => f(preds, codes, candidates));
  const [dPreds, dCodes] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(f(a as tf.Tensor2D, b as tf.Tensor2D, candidates), probe)),
  )([preds, codes]);
  const result = {
    scores: { shape: scores.shape, values: Array.from(await scores.data()) },
    dPreds: { shape: dPreds.shape, values: Array.from(await dPreds.data()) },
    dCodes: { shape: dCodes.shape, values: Array.from(await dCodes.data()) },
  };
  tf.dispose([preds, codes, candidates, probe, scores, dPreds, dCodes]);
  return result;
}

describe('candidateDots as WASM SIMD kernels', () => {
  beforeAll(async () => {
    installWasmCandidateDots();
    await tf.setBackend('wasm');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('runs on wasm with SIMD, and not on cpu', async () => {
    expect(fusedCandidateDotsReady()).toBe(true);
    await tf.setBackend('cpu');
    expect(fusedCandidateDotsReady()).toBe(false);
    await tf.setBackend('wasm');
  });

  it.each([
    // W and D off multiples of four exercise the kernels' edges; rows repeat within and across predictions.
    [
      'ragged: W = 7, D = 6',
      5,
      9,
      6,
      [
        3, 0, 8, 3, 3, 1, 2, 4, 4, 5, 6, 7, 8, 0, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 0, 2, 4, 6, 8, 1, 3, 5, 7, 0,
        0,
      ],
    ],
    ['aligned: W = 8, D = 8', 2, 6, 8, [0, 1, 2, 3, 4, 5, 5, 5, 5, 4, 3, 2, 1, 0, 0, 1]],
    ['one candidate, D = 3', 4, 3, 3, [2, 2, 0, 1]],
  ])('%s: equal to the bit to tfjs kernels, forward and back', async (_, m, p, d, rows) => {
    const fused = await scoresAndGrads(candidateDots, m, p, d, rows);
    const composed = await scoresAndGrads(composedCandidateDots, m, p, d, rows);
    expect(fused.scores.shape).toEqual([m, rows.length / m]);
    expect(fused.dCodes.shape).toEqual([p, d]);
    expect(fused).toEqual(composed);
  });

  it('leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    await scoresAndGrads(candidateDots, 3, 4, 5, [0, 1, 2, 3, 3, 3]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
