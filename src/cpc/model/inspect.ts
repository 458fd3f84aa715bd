import * as tf from '@tensorflow/tfjs';
import { viewToGrid, type Direction } from '../geometry';
import type { CpcModel } from './cpcModel';

export interface RankedCandidate {
  /** Pool index (b·G + row)·G + col of the patch in the batch. */
  pool: number;
  score: number;
}

export interface TargetInspection {
  k: number;
  /** Grid cell of the true target. */
  row: number;
  col: number;
  truePool: number;
  trueScore: number;
  /** 1 = the model ranks the true patch first among all patches of the batch. */
  trueRank: number;
  /** Highest-scoring patches of the batch, best first. */
  top: RankedCandidate[];
}

export interface PredictionInspection {
  direction: Direction;
  /** Context cells (rows 0..t of the lane, in grid coordinates), oldest first. */
  context: [number, number][];
  targets: TargetInspection[];
}

/**
 * What the model predicts from one context position: for each k, every patch of the batch scored by
 * W_k c_t · z and ranked, with the true patch's rank. This is the view the patch-grid panel shows.
 * `patches` is a batch [B·G·G, P, P, C]; the inspected image is `image` within it.
 */
export async function inspectPrediction(
  model: CpcModel,
  patches: tf.Tensor4D,
  batch: number,
  image: number,
  direction: Direction,
  t: number,
  lane: number,
  topCount = 5,
): Promise<PredictionInspection> {
  const { grid: g, ks, directions } = model.geometry;
  const d = directions.indexOf(direction);
  if (d < 0) throw new Error(`This model does not predict in direction '${direction}'.`);
  const valid = ks.filter((k) => t + k < g);
  const scoresTensor = tf.tidy(() => {
    const { z, c } = model.contexts(patches, batch, false);
    const rowOf = (ki: number) => (((d * batch + image) * g + t) * g + lane) * ks.length + ki;
    const rows = tf.tensor1d(
      valid.map((k) => rowOf(ks.indexOf(k))),
      'int32',
    );
    const preds = tf.gather(model.predictions(c), rows); // [K', D]
    return tf.matMul(preds, tf.transpose(z)); // [K', B·G·G]
  });
  const scores = await scoresTensor.data();
  scoresTensor.dispose();
  const pool = batch * g * g;
  const targets = valid.map((k, i) => {
    const row = scores.subarray(i * pool, (i + 1) * pool);
    const [tr, tc] = viewToGrid(direction, t + k, lane, g);
    const truePool = (image * g + tr) * g + tc;
    const order = Array.from({ length: pool }, (_, j) => j).sort((a, b) => row[b] - row[a] || a - b);
    return {
      k,
      row: tr,
      col: tc,
      truePool,
      trueScore: row[truePool],
      trueRank: order.indexOf(truePool) + 1,
      top: order.slice(0, topCount).map((j) => ({ pool: j, score: row[j] })),
    };
  });
  const context = Array.from({ length: t + 1 }, (_, time) => viewToGrid(direction, time, lane, g));
  return { direction, context, targets };
}
