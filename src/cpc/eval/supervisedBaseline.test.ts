import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { generateTextures } from '../data/textures';
import { tinyConfig } from '../testing/tinyConfig';
import { supervisedBaseline } from './supervisedBaseline';
import { installWasmKernels } from '../ops/wasmKernels';

// As the app and the runner do (src/worker/backend.ts, src/node/nodeBackend.ts).
installWasmKernels();

describe('supervisedBaseline', () => {
  it('learns labelled images far above chance with the CPC encoder, without leaking tensors', async () => {
    await tf.setBackend('wasm');
    const config = tinyConfig({ imageSize: 16, channels: 1 });
    const train = generateTextures({ count: 200, size: 16, seed: 1, channels: 1 });
    const test = generateTextures({ count: 100, size: 16, seed: 2, channels: 1 });
    const before = tf.memory().numTensors;
    const result = await supervisedBaseline(config, train, test, {
      epochs: 15,
      batchSize: 20,
      learningRate: 1e-2,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.steps).toBe(150);
    // Ten classes: chance is 10 %.
    expect(result.testAccuracy).toBeGreaterThan(0.3);
  });
});
