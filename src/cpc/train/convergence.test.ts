import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { generateSyntheticShapes } from '../data/synthetic';
import { tinyConfig } from '../testing/tinyConfig';
import { CpcTrainer } from './trainer';

/**
 * Learning works: on the synthetic shapes set (gratings with spatial structure), the loss falls and
 * CPC accuracy rises far above chance within 200 steps. This runs on the WASM backend in Node, which is
 * ~10× faster than the cpu backend here; the first test pins WASM to the cpu reference first.
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

describe('convergence on synthetic shapes', () => {
  it('WASM trains exactly like the cpu reference', async () => {
    const cpu = await firstLosses('cpu', 3);
    const wasm = await firstLosses('wasm', 3);
    wasm.forEach((loss, i) => expect(Math.abs(loss - cpu[i]) / cpu[i]).toBeLessThan(1e-4));
  });

  it('loss falls and CPC accuracy rises far above chance within 200 steps', async () => {
    await tf.setBackend('wasm');
    const trainer = new CpcTrainer(config, data);
    const window = 25;
    const history: { loss: number; accuracy: number }[] = [];
    for (let i = 0; i < 200; i++) history.push(await trainer.trainStep());
    trainer.dispose();
    const mean = (rows: typeof history, key: 'loss' | 'accuracy') =>
      rows.reduce((s, r) => s + r[key], 0) / rows.length;
    const first = history.slice(0, window);
    const last = history.slice(-window);
    const chance = 1 / (1 + config.negatives);
    console.log(
      `convergence: loss ${mean(first, 'loss').toFixed(3)} → ${mean(last, 'loss').toFixed(3)} (chance ${Math.log(1 + config.negatives).toFixed(3)}), ` +
        `accuracy ${mean(first, 'accuracy').toFixed(3)} → ${mean(last, 'accuracy').toFixed(3)} (chance ${chance.toFixed(3)})`,
    );
    expect(mean(last, 'loss')).toBeLessThan(0.75 * mean(first, 'loss'));
    expect(mean(last, 'accuracy')).toBeGreaterThan(3 * chance);
  });
});
