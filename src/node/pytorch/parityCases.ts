import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { augmentParamsFromConfig, augmentPatches } from '../../cpc/augment';
import { variableEntry, readVariables } from '../../cpc/checkpoint/variables';
import type { CpcConfig } from '../../cpc/config';
import { extractPatches } from '../../cpc/data/patches';
import { inMemory } from '../../cpc/data/imageSet';
import { generateSyntheticShapes } from '../../cpc/data/synthetic';
import { rowCandidates, sampleCandidates } from '../../cpc/losses/negatives';
import { embedImageFeatures, IMAGE_FEATURES } from '../../cpc/model/imageFeatures';
import { buildPredictionTable } from '../../cpc/model/predictionTable';
import type { CpcModel } from '../../cpc/model/cpcModel';
import { learningRateAt } from '../../cpc/optim/schedule';
import { createRng } from '../../cpc/random';
import { CpcTrainer } from '../../cpc/train/trainer';
import { trainStep } from '../../cpc/train/trainStep';

/**
 * The tfjs side of the PyTorch parity test: for one config, the playground's own checkpoint after one
 * trainer step (weights and AdamW state), one batch of patches and candidates, and what the playground
 * computes on them: loss, gradients, codes z, probe features, and the weights after its next step.
 * Everything is written under `dir` for pytorch/tests/parity_driver.py; the values stay here to compare.
 */
export type Expected = Map<string, Float32Array>;

/** Random draws per patch that augmentPatches consumes, whatever the strengths (see augment/index.ts). */
export const DRAWS_PER_PATCH = 31;

const f32 = (values: ArrayLike<number>) => Float32Array.from(values);

function writeArray(dir: string, name: string, values: Float32Array | Int32Array | Float64Array): void {
  writeFileSync(join(dir, name), new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

export async function writeModelCase(dir: string, config: CpcConfig): Promise<Expected> {
  mkdirSync(dir, { recursive: true });
  const batch = config.batchSize;
  const set = generateSyntheticShapes({
    count: batch + 2,
    size: config.imageSize,
    seed: 7,
    channels: config.channels,
  });
  const trainer = new CpcTrainer(config, set);
  try {
    await trainer.trainStep(); // step 0 through the trainer itself: the checkpoint then holds AdamW moments
    writeFileSync(join(dir, 'checkpoint.cpc.zip'), await trainer.saveCheckpoint());
    const { model, optimizer } = trainer;
    const { grid, patchSize, stride } = model.geometry;
    const indices = Int32Array.from({ length: batch }, (_, i) => i);
    const patches = extractPatches(set, indices, patchSize, stride, grid); // [B·G·G, P, P, C]
    const table = buildPredictionTable(model.geometry, batch);
    const candidates = caseCandidates(model, config, table);
    const imageBytes = inMemory(set).pixels.subarray(0, batch * config.imageSize ** 2 * config.channels);
    writeArray(dir, 'patches.f32', patches);
    writeArray(dir, 'candidates.i32', candidates);
    writeArray(dir, 'images.f32', f32(Array.from(imageBytes, (v) => v / 255)));
    writeFileSync(join(dir, 'case.json'), JSON.stringify({ kind: 'model', batch }));

    const x = tf.tensor4d(patches, [batch * grid * grid, patchSize, patchSize, config.channels]);
    const cand = tf.tensor1d(candidates, 'int32');
    try {
      const expected = await lossAndGradients(model, x, batch, table, cand);
      const z = tf.tidy(() => model.encode(x, true));
      model.params.discardDeferred();
      expected.set('z', (await z.data()) as Float32Array);
      z.dispose();
      const features = await embedImageFeatures(model, set, IMAGE_FEATURES, indices);
      for (const [name, values] of features) expected.set(`feature/${name}`, values);
      for (const { name, values } of await paramValues(model)) expected.set(`before/${name}`, values);
      const hyper = {
        learningRate: learningRateAt(1, config),
        weightDecay: config.weightDecay,
        gradClip: config.gradClip,
      };
      trainStep(model, optimizer, { patches: x, batch, table, candidates: cand }, hyper).dispose();
      for (const { name, values } of await paramValues(model)) expected.set(`after/${name}`, values);
      for (const { name, values } of await readVariables(optimizer.stateEntries()))
        expected.set(`state/${name}`, values);
      return expected;
    } finally {
      tf.dispose([x, cand]);
    }
  } finally {
    trainer.dispose();
  }
}

/** The batch's candidates as the trainer draws them: every patch of the target row, or sampled (seed 11). */
function caseCandidates(
  model: CpcModel,
  config: CpcConfig,
  table: ReturnType<typeof buildPredictionTable>,
): Int32Array {
  const batch = config.batchSize;
  if (config.candidates === 'row') return rowCandidates(model.geometry, batch);
  const { grid } = model.geometry;
  return sampleCandidates(
    {
      targets: table.targets,
      patchesPerImage: grid * grid,
      batch,
      negatives: config.negatives,
      sameImageFraction: config.sameImageNegatives,
    },
    createRng(11),
  );
}

async function lossAndGradients(
  model: CpcModel,
  x: tf.Tensor4D,
  batch: number,
  table: ReturnType<typeof buildPredictionTable>,
  cand: tf.Tensor1D,
): Promise<Expected> {
  const { value, grads } = tf.tidy(() =>
    tf.variableGrads(() => model.forward(x, batch, table, cand, true).loss, model.params.trainable()),
  );
  model.params.discardDeferred();
  const expected: Expected = new Map([['loss', f32([(await value.data())[0]])]]);
  let squares = 0;
  for (const { name, variable, options } of model.params.all()) {
    if (!options.trainable) continue;
    const g = grads[variable.name];
    const values = g ? ((await g.data()) as Float32Array) : new Float32Array(variable.size);
    for (const v of values) squares += v * v;
    expected.set(`grad/${name}`, values);
  }
  expected.set('gradNorm', f32([Math.sqrt(squares)]));
  tf.dispose([value, ...Object.values(grads)]);
  return expected;
}

function paramValues(model: CpcModel) {
  return readVariables(model.params.all().map(({ name, variable }) => variableEntry(name, variable)));
}

/** Patches augmented by the playground, and the uniform draws it consumed, for the same op in PyTorch. */
export function writeAugmentationCase(dir: string, config: CpcConfig): Expected {
  mkdirSync(dir, { recursive: true });
  const batch = 3;
  const set = generateSyntheticShapes({
    count: batch,
    size: config.imageSize,
    seed: 9,
    channels: config.channels,
  });
  const grid = Math.floor((config.imageSize - config.patchSize) / config.patchStride) + 1;
  const indices = Int32Array.from({ length: batch }, (_, i) => i);
  const raw = extractPatches(set, indices, config.patchSize, config.patchStride, grid);
  const n = batch * grid * grid;
  const rng = createRng(5);
  const augmented = augmentPatches(
    raw,
    n,
    config.patchSize,
    config.channels,
    augmentParamsFromConfig(config),
    rng,
  );
  const drawRng = createRng(5);
  const draws = Float64Array.from({ length: n * DRAWS_PER_PATCH }, () => drawRng.next());
  if (rng.next() !== drawRng.next())
    throw new Error(`augmentPatches no longer draws ${DRAWS_PER_PATCH} numbers per patch`);
  writeArray(dir, 'raw.f32', raw);
  writeArray(dir, 'draws.f64', draws);
  writeFileSync(join(dir, 'case.json'), JSON.stringify({ kind: 'augmentation', config }));
  return new Map([['augmented', augmented]]);
}

/** Images for PyTorch's own patching, augmentation and candidate sampling (checked by their properties). */
export function writeSamplingCase(dir: string, config: CpcConfig): void {
  mkdirSync(dir, { recursive: true });
  const set = generateSyntheticShapes({
    count: config.batchSize,
    size: config.imageSize,
    seed: 3,
    channels: config.channels,
  });
  writeArray(dir, 'images.f32', f32(Array.from(inMemory(set).pixels, (v) => v / 255)));
  writeFileSync(join(dir, 'case.json'), JSON.stringify({ kind: 'sampling', config }));
}

/**
 * The checkpoint PyTorch saved after its step, opened by the playground's own trainer as the page would
 * open it: its weights and AdamW state, by name. Throws where the playground refuses the file.
 */
export async function readContinued(dir: string, config: CpcConfig): Promise<Expected> {
  const set = generateSyntheticShapes({
    count: 1,
    size: config.imageSize,
    seed: 1,
    channels: config.channels,
  });
  const { trainer } = CpcTrainer.fromCheckpoint(
    new Uint8Array(readFileSync(join(dir, 'continued.cpc.zip'))),
    set,
  );
  try {
    const state: Expected = new Map();
    for (const { name, values } of await paramValues(trainer.model)) state.set(`after/${name}`, values);
    for (const { name, values } of await readVariables(trainer.optimizer.stateEntries()))
      state.set(`state/${name}`, values);
    state.set('step', f32([trainer.step]));
    return state;
  } finally {
    trainer.dispose();
  }
}
