import * as tf from '@tensorflow/tfjs';
import { matMul } from '../ops/matMul';
import type { CpcConfig } from '../config';
import { createContextModel, type ContextModel } from '../context';
import { createEncoder, type PatchEncoder } from '../encoders';
import { requireGeometry, type GridGeometry } from '../geometry';
import { contrastiveLoss, positiveWins } from '../losses/contrastive';
import { stopGradient } from '../ops/stopGradient';
import { candidateDots } from '../ops/candidateDots';
import { gatherRows } from '../ops/gatherRows';
import { glorotUniform, ParamStore, stacked } from '../nn/params';
import { createRng } from '../random';
import { directionViews } from './directionViews';
import type { PredictionTable } from './predictionTable';

/**
 * On WASM and cpu, scores come from gathered candidates when the pool has at least this many patches per
 * candidate, and from one dense product (every prediction against every patch) otherwise. Measured on
 * WASM here, scores with their gradient: 16 of 1,152 candidates (Keras CPC) 72 → 18 ms, 32 of 576
 * (CPC v2) 61 → 41 ms; but the paper's row candidates, 96 of 576, 90 → 114 ms.
 */
const GATHER_AT_POOL_RATIO = 10;
/**
 * Backends where the gathered scores' gradient, a ScatterNd that sums many updates into each code, is
 * cheap. WebGL's ScatterNd loops over every update for every output value (Keras CPC: 27,648 updates for
 * each of 147k values), and WebGPU adds floats with compare-and-swap loops that contend on repeated rows.
 * On a GPU the dense product is one fast kernel anyway.
 */
const GATHERING_BACKENDS: ReadonlySet<string> = new Set(['wasm', 'cpu']);

/** Everything a forward pass returns for the loss and for the UI's views of it. */
export interface ForwardResult {
  /** Mean loss over all predictions. */
  loss: tf.Scalar;
  /** Per-prediction loss [M] and win (positive scored highest, 0/1) [M]. */
  losses: tf.Tensor1D;
  wins: tf.Tensor1D;
}

/**
 * CPC: encoder f → per-direction context g_ar → linear predictors W_k → scores against candidates.
 * The model owns its variables (ParamStore); all tensor work happens in the caller's tidy scope.
 */
export class CpcModel {
  readonly params: ParamStore;
  readonly geometry: GridGeometry;
  readonly encoder: PatchEncoder;
  readonly context: ContextModel;
  /** W_k for every direction and k, as one stack [Ndir, H, K·D] so all predictions are one matmul. */
  private readonly predictors: tf.Variable<tf.Rank.R3>;

  constructor(readonly config: CpcConfig) {
    this.geometry = requireGeometry(config);
    this.params = new ParamStore(createRng(config.seed));
    const ndir = this.geometry.directions.length;
    this.encoder = createEncoder(config, this.params.scope('encoder'));
    this.context = createContextModel(config, this.params.scope('context'), ndir);
    const k = this.geometry.ks.length;
    this.predictors = this.params.add(
      'predictors/w',
      [ndir, config.contextHidden, k * config.codeSize],
      stacked(glorotUniform),
      { decay: true },
    ) as tf.Variable<tf.Rank.R3>;
  }

  /** Patch codes z for patches [N, P, P, C] → [N, D]. */
  encode(patches: tf.Tensor4D, training: boolean): tf.Tensor2D {
    return this.encoder.encode(patches, training);
  }

  /**
   * Contexts c for a batch of patch grids: patches [B·G·G, P, P, C] → z [B·G·G, D], c [Ndir, B, T, L, H]
   * for the first `times` time steps T (all G by default; the context models are causal).
   */
  contexts(
    patches: tf.Tensor4D,
    batch: number,
    training: boolean,
    times = this.geometry.grid,
  ): { z: tf.Tensor2D; c: tf.Tensor5D } {
    const { grid: g, directions } = this.geometry;
    const z = this.encode(patches, training); // [B·G·G, D]
    const zGrid = tf.reshape(z, [batch, g, g, this.config.codeSize]) as tf.Tensor4D; // [B, G, G, D]
    const views = directionViews(zGrid, directions); // [Ndir, B, G, L, D]
    const c = this.context.run(times < g ? firstTimes(views, times) : views); // [Ndir, B, T, L, H]
    return { z, c };
  }

  /** Predicted codes W_k c_t for every position and k: [Ndir·B·T·L·K, D] (row order of PredictionTable). */
  predictions(c: tf.Tensor5D): tf.Tensor2D {
    const [ndir, b, t, l, h] = c.shape;
    const flat = tf.reshape(c, [ndir, b * t * l, h]); // [Ndir, B·T·L, H]
    const preds = matMul(flat, this.predictors); // [Ndir, B·T·L, K·D]
    return tf.reshape(preds, [-1, this.config.codeSize]) as tf.Tensor2D; // [Ndir·B·T·L·K, D]
  }

  /**
   * Scores of each prediction against its candidates: [M, 1 + N], positive in column 0.
   * candidates: [M·(1+N)] pool indices from sampleCandidates.
   */
  scores(
    patches: tf.Tensor4D,
    batch: number,
    table: PredictionTable,
    candidates: tf.Tensor1D,
    training: boolean,
  ): tf.Tensor2D {
    const { z, c } = this.contexts(patches, batch, training, table.times); // c only where it predicts
    const preds = gatherRows(this.predictions(c), tf.tensor1d(table.predictionRows, 'int32')); // [M, D]
    const width = candidates.size / table.count;
    if (table.poolSize >= width * GATHER_AT_POOL_RATIO && GATHERING_BACKENDS.has(tf.getBackend())) {
      return candidateDots(preds, z, candidates); // [M, 1+N] each prediction against its own candidates
    }
    const all = matMul(preds, tf.transpose(z)); // [M, P] every prediction against every patch (explicit transpose: see ops/matMul)
    // Where each candidate's score sits in `all`, flattened: m·P + pool index. Integer arithmetic, off the tape.
    const flatIndex = stopGradient((c) => {
      const rowOffsets = tf.mul(tf.range(0, table.count, 1, 'int32'), tf.scalar(table.poolSize, 'int32')); // [M]
      return tf.reshape(tf.add(tf.reshape(c, [table.count, width]), tf.expandDims(rowOffsets, 1)), [-1]); // [M·(1+N)]
    }, candidates) as tf.Tensor1D;
    const picked = gatherRows(tf.reshape(all, [-1]), flatIndex); // [M·(1+N)]
    return tf.reshape(picked, [table.count, width]); // [M, 1+N]
  }

  /** Loss and per-prediction outcomes for one batch. */
  forward(
    patches: tf.Tensor4D,
    batch: number,
    table: PredictionTable,
    candidates: tf.Tensor1D,
    training: boolean,
  ): ForwardResult {
    const scores = this.scores(patches, batch, table, candidates, training); // [M, 1+N]
    const losses = contrastiveLoss(this.config.loss, scores, this.config.codeSize); // [M]
    // Accuracy has no gradient: computed off the tape.
    const wins = stopGradient((s) => positiveWins(s as tf.Tensor2D), scores) as tf.Tensor1D; // [M]
    return { loss: tf.mean(losses), losses, wins };
  }

  dispose(): void {
    this.params.dispose();
  }
}

/** The first `times` time steps of direction views [Ndir, B, G, L, D] → [Ndir, B, T, L, D]. */
function firstTimes(views: tf.Tensor5D, times: number): tf.Tensor5D {
  const [ndir, b, g, l, d] = views.shape;
  // As a 3-D slice: with the 5-D one, tfjs-webgpu's warm-up step did not finish in 2 minutes (SwiftShader).
  const rows = tf.reshape(views, [ndir * b, g, l * d]); // [Ndir·B, G, L·D]
  const kept = tf.slice(rows, [0, 0, 0], [-1, times, -1]); // [Ndir·B, T, L·D]
  return tf.reshape(kept, [ndir, b, times, l, d]); // [Ndir, B, T, L, D]
}
