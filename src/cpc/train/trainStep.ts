import * as tf from '@tensorflow/tfjs';
import type { CpcModel } from '../model/cpcModel';
import type { PredictionTable } from '../model/predictionTable';
import type { AdamW } from '../optim/adamw';
import { variableGrads } from '../ops/variableGrads';

export interface StepInputs {
  /** [B·G·G, P, P, C] augmented patches in [0, 1]. */
  patches: tf.Tensor4D;
  batch: number;
  table: PredictionTable;
  /** [M·(1+N)] candidate pool indices, positive first (sampleCandidates). */
  candidates: tf.Tensor1D;
}

export interface StepHyper {
  learningRate: number;
  weightDecay: number;
  /** 0 = no clipping. */
  gradClip: number;
}

/** Layout of the packed metrics vector one step returns (one read-back per step, or fewer). */
export const METRIC = { loss: 0, accuracy: 1, gradNorm: 2, accepted: 3, perKStart: 4 } as const;

/**
 * One optimisation step: forward, backward, global-norm clipping, AdamW update, all in one tidy scope.
 * A non-finite loss or gradient vetoes the update on the device (the weights stay as they were).
 * Returns the packed metrics [loss, accuracy, gradNorm, accepted, loss_k…, accuracy_k…] still on the
 * device, so the caller chooses when to read it back.
 */
export function trainStep(
  model: CpcModel,
  optimizer: AdamW,
  inputs: StepInputs,
  hyper: StepHyper,
): tf.Tensor1D {
  return tf.tidy(() => {
    let losses: tf.Tensor1D | null = null;
    let wins: tf.Tensor1D | null = null;
    const { value: loss, grads } = variableGrads(() => {
      const out = model.forward(inputs.patches, inputs.batch, inputs.table, inputs.candidates, true);
      losses = tf.keep(out.losses);
      wins = tf.keep(out.wins);
      return out.loss;
    }, model.params.trainable());
    const kept = [losses, wins] as unknown as [tf.Tensor1D, tf.Tensor1D];
    try {
      const flat = optimizer.flatten(grads); // [n] every trainable value's gradient
      const gradNorm = tf.sqrt(tf.sum(tf.square(flat))) as tf.Scalar;
      const accept = tf.logicalAnd(tf.isFinite(loss), tf.isFinite(gradNorm)) as tf.Scalar;
      const clipped =
        hyper.gradClip > 0
          ? tf.mul(flat, tf.minimum(1, tf.div(hyper.gradClip, tf.add(gradNorm, 1e-6))))
          : flat;
      optimizer.applyFlat(
        clipped as tf.Tensor1D,
        { learningRate: tf.scalar(hyper.learningRate), weightDecay: hyper.weightDecay },
        accept,
        optimizer.missing(grads),
      );
      model.params.commitDeferred(accept);
      return packMetrics(loss, kept[0], kept[1], gradNorm, accept, inputs.table);
    } finally {
      tf.dispose(kept);
    }
  });
}

/** Same metrics without an update (evaluation, or the warm-up that compiles shaders). */
export function evaluateStep(model: CpcModel, inputs: StepInputs, training = false): tf.Tensor1D {
  return tf.tidy(() => {
    const out = model.forward(inputs.patches, inputs.batch, inputs.table, inputs.candidates, training);
    model.params.discardDeferred();
    return packMetrics(out.loss, out.losses, out.wins, tf.scalar(0), tf.scalar(true, 'bool'), inputs.table);
  });
}

/** [4 + 2K] in METRIC's layout: the totals, then each k's mean loss, then each k's accuracy. */
export function packMetrics(
  loss: tf.Scalar,
  losses: tf.Tensor1D,
  wins: tf.Tensor1D,
  gradNorm: tf.Scalar,
  accept: tf.Scalar,
  table: PredictionTable,
): tf.Tensor1D {
  const k = table.segments.length;
  // Every k's mean of both at once: [2, M] · [M, K], one product instead of a slice and a mean each.
  const perK = tf.matMul(tf.stack([losses, wins]), tf.tensor2d(segmentMeans(table), [table.count, k]));
  const totals = tf.stack([loss, tf.mean(wins), gradNorm, tf.cast(accept, 'float32')]); // [4]
  return tf.concat([totals, tf.reshape(perK, [2 * k])]) as tf.Tensor1D; // [4 + 2K]
}

const segmentMeanCache = new WeakMap<PredictionTable, Float32Array>();

/** [M, K] row-major: 1/length where prediction m is in k's segment, else 0. */
function segmentMeans(table: PredictionTable): Float32Array {
  let matrix = segmentMeanCache.get(table);
  if (!matrix) {
    const k = table.segments.length;
    matrix = new Float32Array(table.count * k);
    table.segments.forEach((s, j) => {
      for (let m = s.start; m < s.start + s.length; m++) matrix![m * k + j] = 1 / s.length;
    });
    segmentMeanCache.set(table, matrix);
  }
  return matrix;
}
