import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { generateSyntheticShapes } from '../data/synthetic';
import { tinyConfig } from '../testing/tinyConfig';
import { CpcTrainer } from './trainer';
import { installWasmKernels } from '../ops/wasmKernels';

// As the app and the runner do (src/worker/backend.ts, src/node/nodeBackend.ts).
installWasmKernels();

/**
 * WASM, which the learning test (learning.test.ts) and the runner train on, computes the same losses as
 * the cpu reference backend.
 */
const config = tinyConfig({
  imageSize: 20, // 4×4 grid of 8 px patches, k = 2, 3
  kMax: 3,
  batchSize: 8,
  encoderWidth: 8,
  encoderHidden: 16,
  codeSize: 16,
  contextHidden: 16,
  learningRate: 1e-2,
  augJitter: 0,
  augColorJitter: 0,
  augColorDrop: 0,
});
const data = generateSyntheticShapes({ count: 200, size: 20, seed: 1, channels: 3 });

async function firstLosses(backend: string, steps: number): Promise<number[]> {
  await tf.setBackend(backend);
  const trainer = new CpcTrainer(config, data);
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push((await trainer.trainStep()).loss);
  trainer.dispose();
  return out;
}

describe('WASM against the cpu reference', () => {
  it('WASM trains exactly like the cpu reference', async () => {
    const cpu = await firstLosses('cpu', 3);
    const wasm = await firstLosses('wasm', 3);
    wasm.forEach((loss, i) => expect(Math.abs(loss - cpu[i]) / cpu[i]).toBeLessThan(1e-4));
  });
});
