import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSyntheticShapes } from '../data/synthetic';
import { presetById, type PresetId } from '../presets';
import { installWasmKernels } from '../ops/wasmKernels';
import { profileKernels } from './kernelProfile';
import { CpcTrainer } from './trainer';

installWasmKernels(); // as the app and the runner do

/**
 * Kernels one training step launches (tf.profile). On a GPU each is a dispatch with a fixed cost of
 * 10–50 µs, so this count, not arithmetic, sets the GPU's speed (issue 12). The ceilings are issue 12's
 * goals (default ≤ 500, CPC v2 ≤ 800) and a little above today's counts for the other two, so that a
 * change which adds kernels back has to say so here.
 * Counts before the work of issue 12: quick demo 1,334, default 1,549, Keras 2,212, CPC v2 2,258; after
 * it: 453, 497, 764, 771.
 */
const CEILINGS: [PresetId, number][] = [
  ['quick-demo', 470],
  ['default', 500],
  ['keras-cpc', 780],
  ['cpc-v2', 800],
];

describe('kernels per training step (WASM)', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(CEILINGS)('%s stays at or under %i', async (id, ceiling) => {
    const config = { ...presetById(id).config, batchSize: 4 };
    const data = generateSyntheticShapes({
      count: 8,
      size: config.imageSize,
      seed: 1,
      channels: config.channels,
    });
    const trainer = new CpcTrainer(config, data);
    await trainer.trainStep();
    const { kernels } = await profileKernels(() => trainer.trainStep());
    trainer.dispose();
    console.log(`kernels per step, ${id}: ${kernels.total} (${kernels.views} views)`);
    expect(kernels.total).toBeLessThanOrEqual(ceiling);
    expect(kernels.total).toBeGreaterThan(ceiling / 2); // the count measured a whole step
  });
});
