import * as tf from '@tensorflow/tfjs';
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
  const logProbs = tf.logSoftmax(scores, 1); // [M, 1+N]
  return tf.neg(tf.reshape(tf.slice(logProbs, [0, 0], [-1, 1]), [-1])); // [M]
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
