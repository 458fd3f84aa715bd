import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { generateSyntheticShapes } from '../data/synthetic';
import { useCpuBackend } from '../testing/tfTest';
import { tinyConfig } from '../testing/tinyConfig';
import { CpcTrainer } from './trainer';

useCpuBackend();

const data = generateSyntheticShapes({ count: 24, size: 16, seed: 5, channels: 3 });

/** Every variable of the model, batch-norm running statistics included. */
async function snapshot(trainer: CpcTrainer): Promise<Float32Array[]> {
  return Promise.all(
    trainer.model.params.all().map(({ variable }) => variable.data() as Promise<Float32Array>),
  );
}

describe('CpcTrainer', () => {
  it('leaks no tensors across training steps', async () => {
    const trainer = new CpcTrainer(tinyConfig(), data);
    await trainer.trainStep(); // first step creates the optimizer's lazily built tensors, if any
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await trainer.trainStep();
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });

  it('is deterministic: same seed, same first losses; another seed, other losses', async () => {
    const losses = async (seed: number) => {
      const trainer = new CpcTrainer(
        tinyConfig({ seed, augJitter: 0.5, augFlip: 0.5, augColorJitter: 0.3 }),
        data,
      );
      const out: number[] = [];
      for (let i = 0; i < 3; i++) out.push((await trainer.trainStep()).loss);
      trainer.dispose();
      return out;
    };
    const a = await losses(11);
    expect(await losses(11)).toEqual(a);
    expect(await losses(12)).not.toEqual(a);
  });

  it('reports metrics for every k and a chance-level start', async () => {
    const trainer = new CpcTrainer(
      tinyConfig({ imageSize: 20, kMax: 3 }),
      generateSyntheticShapes({ count: 8, size: 20, seed: 1 }),
    );
    const m = await trainer.trainStep();
    expect(m.step).toBe(1);
    expect(m.ks).toEqual([2, 3]);
    expect(m.lossPerK).toHaveLength(2);
    expect(m.accuracyPerK).toHaveLength(2);
    expect(m.finite).toBe(true);
    expect(m.accuracy).toBeGreaterThanOrEqual(0);
    expect(m.accuracy).toBeLessThanOrEqual(1);
    expect(m.loss).toBeGreaterThan(Math.log(8) * 0.5); // 7 negatives: chance loss is log 8
    trainer.dispose();
  });

  it.each(['layer', 'batch'] as const)(
    'skips the update on a NaN loss and keeps the weights (%s norm)',
    async (norm) => {
      const trainer = new CpcTrainer(tinyConfig({ norm }), data);
      await trainer.trainStep();
      const before = await snapshot(trainer);
      const batch = trainer.nextBatch();
      batch.patches[0] = NaN;
      const m = await trainer.trainStep(batch);
      expect(m.finite).toBe(false);
      expect(Number.isNaN(m.loss)).toBe(true);
      const after = await snapshot(trainer);
      after.forEach((values, i) => expect(Array.from(values)).toEqual(Array.from(before[i])));
      expect((await trainer.trainStep()).finite).toBe(true); // training goes on
      const moved = await snapshot(trainer);
      // An accepted step does update every variable, running statistics too (so the check above can fail).
      moved.forEach((values, i) => expect(Array.from(values)).not.toEqual(Array.from(before[i])));
      trainer.dispose();
    },
  );

  it('changes the learning rate between steps without a rebuild, and refuses restart fields', async () => {
    const trainer = new CpcTrainer(tinyConfig({ learningRate: 1e-3, schedule: 'constant' }), data);
    expect((await trainer.trainStep()).learningRate).toBe(1e-3);
    const model = trainer.model;
    trainer.setHyperparameters({ learningRate: 5e-2, negatives: 5 });
    expect((await trainer.trainStep()).learningRate).toBe(5e-2);
    expect(trainer.model).toBe(model);
    expect(() => trainer.setHyperparameters({ context: 'lstm' } as never)).toThrow(/restart/);
    trainer.dispose();
  });

  it('refuses data that does not match the config, with a reason', () => {
    expect(() => new CpcTrainer(tinyConfig({ imageSize: 20 }), data)).toThrow(/16px.*20px/);
  });
});
