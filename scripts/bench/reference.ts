/**
 * The PyTorch reference (reference_cpc.py): the same workload's step in PyTorch on the CPU, for the speed
 * ratio, and a correctness check: the engine's initial weights and one batch (patches, candidate indices,
 * prediction rows), dumped here from tfjs in Node, must give the same loss in PyTorch to 1e-4
 * relative (and the same gradient norm, which checks the backward pass too).
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CpcConfig } from '../../src/cpc/config';
import { generateSyntheticShapes } from '../../src/cpc/data/synthetic';
import { sampleCandidates } from '../../src/cpc/losses/negatives';
import { buildPredictionTable } from '../../src/cpc/model/predictionTable';
import { createRng } from '../../src/cpc/random';
import { CpcTrainer } from '../../src/cpc/train/trainer';
import type { StepBudget } from '../../src/bench/budget';
import type { CellSpec } from '../../src/bench/cell';
import type { Spread } from '../../src/bench/stats';
import type { WorkloadId } from '../../src/bench/workloads';
import { initNodeBackend } from '../../src/node/nodeBackend';

export { findTorch } from '../../src/node/python';

export const LOSS_TOLERANCE = 1e-4;
const SCRIPT = join('scripts', 'bench', 'reference_cpc.py');
export interface ReferenceResult {
  workload: WorkloadId;
  torch: string;
  threads: number;
  /** Where the speed run trained: 'cpu', or 'cuda (<GPU name>)'. */
  device: string;
  correctness: {
    /** The tfjs backend that computed tfjsLoss and tfjsGradNorm. */
    tfjsBackend: string;
    tfjsLoss: number;
    torchLoss: number;
    torchLossFloat32: number;
    lossRelativeError: number;
    tfjsGradNorm: number;
    torchGradNorm: number;
    gradNormRelativeError: number;
  };
  /** Loss within LOSS_TOLERANCE relative. */
  lossMatches: boolean;
  speed: { steps: number; msPerStep: Spread; imagesPerSecond: number; finalLoss: number };
}

/** What reference_cpc.py implements: the simple CNN with the GRU context. */
export function referenceSupports(config: CpcConfig): boolean {
  return config.encoder === 'simple-cnn' && config.context === 'gru';
}

/** `cell`: the workload's config, and the step budget the speed run keeps to (as the engine's cells do). */
export async function runReference(
  python: string,
  cell: Pick<CellSpec, 'workload' | 'variant' | 'config'> & StepBudget,
  /** torch.set_num_threads; null = torch's default. */
  threads: number | null = null,
  /** Where the speed run trains; auto: cuda when torch sees a GPU, else cpu. */
  device: 'cpu' | 'cuda' | 'auto' = 'cpu',
): Promise<ReferenceResult> {
  const { workload, config, ...budget } = cell;
  const dir = join(tmpdir(), `cpc-bench-reference-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${workload}-${cell.variant}.json`);
  writeFileSync(file, JSON.stringify(await dumpStep(workload, config)));
  const out = spawnSync(
    python,
    [
      SCRIPT,
      file,
      '--steps',
      String(budget.maxSteps),
      '--budget-s',
      String(budget.budgetMs / 1000),
      '--min-steps',
      String(budget.minSteps),
      ...(threads === null ? [] : ['--threads', String(threads)]),
      '--device',
      device,
    ],
    { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 },
  );
  if (out.status !== 0)
    throw new Error(`${SCRIPT} failed: ${out.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const parsed = JSON.parse(out.stdout) as Omit<ReferenceResult, 'lossMatches'>;
  return { ...parsed, lossMatches: parsed.correctness.lossRelativeError <= LOSS_TOLERANCE };
}

/**
 * The engine's initial weights (the trainer's model, straight from its seed), its first batch
 * (nextBatch()), candidates drawn as stepAsync draws them, and the loss and gradient norm tfjs computes
 * on them. On wasm (cpu where it does not start): the fast path, with its own conv gradient (ops/conv2d.ts).
 */
async function dumpStep(workload: WorkloadId, config: CpcConfig): Promise<object> {
  const backend = await initNodeBackend('wasm');
  const data = generateSyntheticShapes({
    count: 64,
    size: config.imageSize,
    seed: 1,
    channels: config.channels,
  });
  const trainer = new CpcTrainer(config, data);
  try {
    const { geometry } = trainer.model;
    const batch = trainer.nextBatch();
    const b = batch.indices.length;
    const table = buildPredictionTable(geometry, b, geometry.grid); // reference_cpc.py runs the GRU over all G rows
    const candidates = sampleCandidates(
      {
        targets: table.targets,
        patchesPerImage: geometry.grid * geometry.grid,
        batch: b,
        negatives: config.negatives,
        sameImageFraction: config.sameImageNegatives,
      },
      createRng(config.seed + 2),
    );
    const { loss, gradNorm } = await lossAndGradNorm(trainer, batch.patches, b, table, candidates);
    const params = trainer.model.params.all();
    const weights = await Promise.all(
      params.map(async ({ name, variable, options }) => ({
        name,
        trainable: options.trainable,
        ...encode(await variable.data(), variable.shape),
      })),
    );
    const { grid, patchSize } = geometry;
    return {
      workload,
      config,
      batch: b,
      grid,
      directions: geometry.directions,
      weights,
      patches: encode(batch.patches, [b * grid * grid, patchSize, patchSize, config.channels]),
      candidates: encode(candidates, [candidates.length]),
      predictionRows: encode(table.predictionRows, [table.count]),
      tfjs: { backend, loss, gradNorm },
    };
  } finally {
    trainer.dispose();
  }
}

async function lossAndGradNorm(
  trainer: CpcTrainer,
  patchValues: Float32Array,
  b: number,
  table: ReturnType<typeof buildPredictionTable>,
  candidateValues: Int32Array,
): Promise<{ loss: number; gradNorm: number }> {
  const { grid, patchSize } = trainer.model.geometry;
  const channels = trainer.currentConfig.channels;
  const [loss, gradNorm] = tf.tidy(() => {
    const patches = tf.tensor4d(patchValues, [b * grid * grid, patchSize, patchSize, channels]);
    const candidates = tf.tensor1d(candidateValues, 'int32');
    const { value, grads } = tf.variableGrads(
      () => trainer.model.forward(patches, b, table, candidates, true).loss,
      trainer.model.params.trainable(),
    );
    const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))))); // scalar
    return [value, norm];
  });
  try {
    return { loss: (await loss.data())[0], gradNorm: (await gradNorm.data())[0] };
  } finally {
    tf.dispose([loss, gradNorm]);
  }
}

function encode(
  values: Float32Array | Int32Array | tf.TypedArray,
  shape: number[],
): { shape: number[]; data: string } {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return { shape, data: Buffer.from(bytes).toString('base64') };
}
