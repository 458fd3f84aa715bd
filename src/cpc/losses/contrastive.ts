import * as tf from '@tensorflow/tfjs';
import { customGrad } from '../ops/customGrad';
import type { LossKind } from '../config';

/**
 * Per-prediction losses from candidate scores. `scores` is [M, 1 + N] with the positive in column 0;
 * a score is the dot product W_k c_t · z.
 */
export function contrastiveLoss(kind: LossKind, scores: tf.Tensor2D, codeSize: number): tf.Tensor1D {
  return kind === 'infonce' ? infoNceLoss(scores) : binaryNceLoss(scores, codeSize);
}

/**
 * InfoNCE (van den Oord et al. 2018): −log softmax(scores)[positive], a cross-entropy over one positive
 * and N negatives. log-softmax keeps it finite for large scores. At chance it equals log(1 + N).
 */
export function infoNceLoss(scores: tf.Tensor2D): tf.Tensor1D {
  // Written out with its gradient, softmax − one-hot(positive): 12 kernels against ~24 through
  // tf.logSoftmax's own gradient and the slice's (kernels are GPU dispatches, issue 12).
  const op = customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const s = args[0] as tf.Tensor2D;
    const save = args[1] as tf.GradSaveFunc;
    const shifted = tf.sub(s, tf.max(s, 1, true)); // [M, 1+N], largest 0
    const e = tf.exp(shifted); // [M, 1+N]
    const total = tf.sum(e, 1, true); // [M, 1]
    save([e, total]);
    // −log softmax(s)[0] = log Σ exp(s − max) − (s_0 − max)
    const loss = tf.sub(tf.log(total), tf.slice(shifted, [0, 0], [-1, 1])); // [M, 1]
    return {
      value: tf.reshape(loss, [-1]), // [M]
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [es, totals] = saved;
        const width = es.shape[1] ?? 1;
        const positive = tf.tensor2d([[1, ...new Array<number>(width - 1).fill(0)]]); // [1, 1+N]
        const probs = tf.div(es, totals); // [M, 1+N] softmax
        return tf.mul(tf.sub(probs, positive), tf.reshape(dy, [-1, 1])); // [M, 1+N]
      },
    };
  });
  return op(scores) as tf.Tensor1D;
}

/**
 * Sigmoid + binary cross-entropy per candidate, in the spirit of the classic Keras CPC. Each candidate's
 * score, scaled by 1/D (the Keras "mean of products"), goes through a sigmoid and binary cross-entropy
 * against "is the true continuation"; the positive and the mean over negatives weigh equally, so at chance
 * the loss is log 2 ≈ 0.693, as in the Keras version.
 *
 * How it differs from Keras, exactly: Keras scores a whole sequence at once. It averages the scaled dot
 * products over the k steps ahead into ONE logit per sample, and a negative sample replaces every future
 * patch of that sequence (half the batch). Here every (context, k) prediction has its own logit, with its
 * own positive and `negatives` sampled negatives, and per-k losses are averaged afterwards. The per-k form
 * gives the per-k curves the page draws, and one prediction cannot hide behind another's easy step.
 * BCE is written with softplus: −log σ(s) = softplus(−s), −log(1 − σ(s)) = softplus(s).
 */
export function binaryNceLoss(scores: tf.Tensor2D, codeSize: number): tf.Tensor1D {
  const s = tf.div(scores, codeSize); // [M, 1+N]
  const pos = tf.reshape(tf.slice(s, [0, 0], [-1, 1]), [-1]); // [M]
  const neg = tf.slice(s, [0, 1], [-1, -1]); // [M, N]
  const posLoss = tf.softplus(tf.neg(pos)); // [M]
  const negLoss = tf.mean(tf.softplus(neg), 1); // [M]
  return tf.mul(tf.add(posLoss, negLoss), 0.5) as tf.Tensor1D;
}

/** 1 where the positive strictly outscores every negative (the CPC accuracy), else 0: [M]. */
export function positiveWins(scores: tf.Tensor2D): tf.Tensor1D {
  const pos = tf.reshape(tf.slice(scores, [0, 0], [-1, 1]), [-1]); // [M]
  const bestNeg = tf.max(tf.slice(scores, [0, 1], [-1, -1]), 1); // [M]
  return tf.cast(tf.greater(pos, bestNeg), 'float32') as tf.Tensor1D;
}
