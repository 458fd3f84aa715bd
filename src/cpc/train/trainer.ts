import * as tf from '@tensorflow/tfjs';
import { decodeCheckpoint, encodeCheckpoint } from '../checkpoint/format';
import { assignVariables, readVariables, variableEntry, type StateEntry } from '../checkpoint/variables';
import { FIELDS, type CpcConfig, type LiveConfig } from '../config';
import type { ImageSet } from '../data/imageSet';
import { rowCandidates, sampleCandidates } from '../losses/negatives';
import { CpcModel } from '../model/cpcModel';
import { buildPredictionTable, type PredictionTable } from '../model/predictionTable';
import { AdamW } from '../optim/adamw';
import { learningRateAt } from '../optim/schedule';
import { createRng, isRngSnapshot, restoreRng, type Rng, type RngSnapshot } from '../random';
import {
  BatchSampler,
  isSamplerSnapshot,
  makePatchBatch,
  type PatchBatch,
  type SamplerSnapshot,
} from './batches';
import { METRIC, trainStep } from './trainStep';

/** One step's numbers, read back from the device. */
export interface StepMetrics {
  /** 1-based index of this step. */
  step: number;
  loss: number;
  /** Fraction of predictions whose positive outscored every other candidate. Chance = 1 / candidateCount. */
  accuracy: number;
  /** Per step ahead, in the order of `ks`. */
  ks: number[];
  lossPerK: number[];
  accuracyPerK: number[];
  gradNorm: number;
  learningRate: number;
  /** false when the loss or gradient was NaN/Inf: the update was skipped and the weights are unchanged. */
  finite: boolean;
}

export type { LiveConfig } from '../config';

/** Where a run's random streams stand (saved in checkpoints so a resumed run continues them exactly). */
export interface TrainerStreams {
  sampler: SamplerSnapshot;
  augment: RngSnapshot;
  negatives: RngSnapshot;
}

/**
 * Owns a model, its optimizer and the seeded streams of a run (batches, augmentation, negatives), and
 * runs training steps. It emits numbers; it draws nothing. Callers (worker, runner, tests) decide how
 * often to read metrics back.
 */
export class CpcTrainer {
  readonly model: CpcModel;
  readonly optimizer: AdamW;
  private config: CpcConfig;
  private readonly sampler: BatchSampler;
  private readonly augmentRng: Rng;
  private readonly negativeRng: Rng;
  private readonly tables = new Map<number, PredictionTable>();
  private readonly rows = new Map<number, Int32Array>();
  private stepsDone = 0;

  /** `streams`: continue saved random streams; without them they restart from (seed, startStep). */
  constructor(
    config: CpcConfig,
    private readonly data: ImageSet,
    startStep = 0,
    streams?: TrainerStreams,
  ) {
    if (data.size !== config.imageSize || data.channels !== config.channels) {
      throw new Error(
        `Images are ${data.size}px with ${data.channels} channel(s), but the config expects ${config.imageSize}px with ${config.channels}.`,
      );
    }
    if (data.count === 0) throw new Error('The dataset has no images.');
    this.config = { ...config };
    this.model = new CpcModel(this.config);
    this.optimizer = new AdamW(this.model.params);
    this.stepsDone = startStep;
    if (streams) {
      this.sampler = BatchSampler.restore(data, streams.sampler);
      this.augmentRng = restoreRng(streams.augment);
      this.negativeRng = restoreRng(streams.negatives);
    } else {
      // Without saved streams they restart from (seed, step): fresh but reproducible batches.
      const root = createRng(config.seed + 1 + startStep);
      this.sampler = new BatchSampler(data, root.fork());
      this.augmentRng = root.fork();
      this.negativeRng = root.fork();
    }
  }

  get step(): number {
    return this.stepsDone;
  }

  get currentConfig(): CpcConfig {
    return { ...this.config };
  }

  learningRate(step = this.stepsDone): number {
    return learningRateAt(step, this.config);
  }

  /** Applies live changes (learning rate, schedule, augmentation, negatives, batch size) from the next step on. */
  setHyperparameters(change: LiveConfig): void {
    for (const key of Object.keys(change) as (keyof CpcConfig)[]) {
      if (!FIELDS[key].live) throw new Error(`'${key}' needs a restart: build a new trainer.`);
    }
    this.config = { ...this.config, ...change };
  }

  /** The next training batch on plain arrays (augmented as the current config says). */
  nextBatch(): PatchBatch {
    const indices = this.sampler.nextIndices(this.config.batchSize);
    return makePatchBatch(this.data, indices, this.config, this.model.geometry, this.augmentRng);
  }

  /** Runs one step and leaves its packed metrics on the device (see METRIC). */
  stepAsync(batch: PatchBatch = this.nextBatch()): tf.Tensor1D {
    const b = batch.indices.length;
    const table = this.table(b);
    const { grid, patchSize } = this.model.geometry;
    const candidates =
      this.config.candidates === 'row'
        ? this.rowCandidates(b)
        : sampleCandidates(
            {
              targets: table.targets,
              patchesPerImage: grid * grid,
              batch: b,
              negatives: this.config.negatives,
              sameImageFraction: this.config.sameImageNegatives,
            },
            this.negativeRng,
          );
    const learningRate = this.learningRate();
    const patches = tf.tensor4d(batch.patches, [b * grid * grid, patchSize, patchSize, this.config.channels]);
    const cand = tf.tensor1d(candidates, 'int32');
    try {
      const metrics = trainStep(
        this.model,
        this.optimizer,
        { patches, batch: b, table, candidates: cand },
        {
          learningRate,
          weightDecay: this.config.weightDecay,
          gradClip: this.config.gradClip,
        },
      );
      this.stepsDone++;
      return metrics;
    } finally {
      patches.dispose();
      cand.dispose();
    }
  }

  /** Runs one step and reads its metrics back. */
  async trainStep(batch?: PatchBatch): Promise<StepMetrics> {
    const learningRate = this.learningRate();
    const packed = this.stepAsync(batch);
    try {
      return unpackMetrics(await packed.data(), this.stepsDone, learningRate, this.model.geometry.ks);
    } finally {
      packed.dispose();
    }
  }

  /** Weights, optimizer state, step and config as one file (see checkpoint.ts). */
  async saveCheckpoint(extra: Record<string, unknown> = {}): Promise<Uint8Array> {
    const tensors = await readVariables(this.checkpointVariables());
    return encodeCheckpoint({
      config: this.config,
      step: this.stepsDone,
      tensors,
      extra,
      streams: this.streams(),
    });
  }

  /** A trainer that continues a saved run on the given data (which must match the saved config). */
  static fromCheckpoint(
    bytes: Uint8Array,
    data: ImageSet,
  ): { trainer: CpcTrainer; extra: Record<string, unknown> } {
    const checkpoint = decodeCheckpoint(bytes);
    const { manifest } = checkpoint;
    const streams = isTrainerStreams(manifest.streams, data.count) ? manifest.streams : undefined;
    const trainer = new CpcTrainer(manifest.config, data, manifest.step, streams);
    try {
      assignVariables(trainer.checkpointVariables(), checkpoint);
    } catch (error) {
      trainer.dispose();
      throw error;
    }
    return { trainer, extra: manifest.extra };
  }

  private streams(): TrainerStreams {
    return {
      sampler: this.sampler.snapshot(),
      augment: this.augmentRng.snapshot(),
      negatives: this.negativeRng.snapshot(),
    };
  }

  private checkpointVariables(): StateEntry[] {
    const params = this.model.params.all().map(({ name, variable }) => variableEntry(name, variable));
    return [...params, ...this.optimizer.stateEntries()];
  }

  /** Static per batch size (a live change can alter it), so built once per size. */
  private rowCandidates(batch: number): Int32Array {
    return cached(this.rows, batch, () => rowCandidates(this.model.geometry, batch));
  }

  private table(batch: number): PredictionTable {
    return cached(this.tables, batch, () => buildPredictionTable(this.model.geometry, batch));
  }

  dispose(): void {
    this.model.dispose();
    this.optimizer.dispose();
  }
}

function cached<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** Saved streams fit when they are well formed and were drawn over a set of this many images. */
function isTrainerStreams(value: unknown, count: number): value is TrainerStreams {
  const v = value as Partial<TrainerStreams> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    isSamplerSnapshot(v.sampler, count) &&
    isRngSnapshot(v.augment) &&
    isRngSnapshot(v.negatives)
  );
}

export function unpackMetrics(
  values: ArrayLike<number>,
  step: number,
  learningRate: number,
  ks: number[],
): StepMetrics {
  const k = ks.length;
  const at = (i: number) => values[i];
  return {
    step,
    loss: at(METRIC.loss),
    accuracy: at(METRIC.accuracy),
    ks: [...ks],
    lossPerK: Array.from({ length: k }, (_, i) => at(METRIC.perKStart + i)),
    accuracyPerK: Array.from({ length: k }, (_, i) => at(METRIC.perKStart + k + i)),
    gradNorm: at(METRIC.gradNorm),
    learningRate,
    finite: at(METRIC.accepted) === 1,
  };
}
