import { viewToGrid, type GridGeometry } from '../geometry';

/**
 * Static index tables for one geometry and batch size: which rows of the prediction tensor are real
 * tasks (a target exists t + k < G), and where each target sits in the pool of patch codes.
 * Predictions are ordered by k first, so each k is one contiguous segment (per-k metrics are slices).
 */
export interface PredictionTable {
  /** Number of predictions M. */
  count: number;
  /** Context time steps T the rows assume: the contexts that predict anything, or all G (see contextTimes). */
  times: number;
  /** Row in the flattened prediction tensor [Ndir·B·T·L·K, D] for each prediction. */
  predictionRows: Int32Array;
  /** Pool index (b·G + row)·G + col of each prediction's true target patch. */
  targets: Int32Array;
  /** Start and length of each k's segment, in geometry.ks order. */
  segments: { k: number; start: number; length: number }[];
  /** Patches in the batch (pool size): B·G·G. */
  poolSize: number;
}

/**
 * Context time steps that predict anything: a context at t has a target only if t + k < G for some k,
 * so t < G − min k. The last min k rows of contexts (2 of 6 with k ≥ 2) feed no loss; training does
 * not compute them (the context models are causal, so the others do not change).
 */
export function contextTimes(geometry: GridGeometry): number {
  return geometry.grid - Math.min(...geometry.ks);
}

/** `times`: the context time steps of the prediction tensor the rows index (all G for a full one). */
export function buildPredictionTable(
  geometry: GridGeometry,
  batch: number,
  times = contextTimes(geometry),
): PredictionTable {
  const { grid: g, ks, directions } = geometry;
  if (times < contextTimes(geometry) || times > g) {
    throw new Error(`A prediction table needs ${contextTimes(geometry)}–${g} context steps, not ${times}.`);
  }
  const numK = ks.length;
  const rows: number[] = [];
  const targets: number[] = [];
  const segments: PredictionTable['segments'] = [];
  ks.forEach((k, ki) => {
    const start = rows.length;
    directions.forEach((direction, d) => {
      for (let b = 0; b < batch; b++) {
        for (let t = 0; t + k < g; t++) {
          for (let lane = 0; lane < g; lane++) {
            rows.push((((d * batch + b) * times + t) * g + lane) * numK + ki);
            const [row, col] = viewToGrid(direction, t + k, lane, g);
            targets.push((b * g + row) * g + col);
          }
        }
      }
    });
    segments.push({ k, start, length: rows.length - start });
  });
  return {
    count: rows.length,
    times,
    predictionRows: Int32Array.from(rows),
    targets: Int32Array.from(targets),
    segments,
    poolSize: batch * g * g,
  };
}
