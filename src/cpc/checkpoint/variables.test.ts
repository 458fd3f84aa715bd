import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { generateSyntheticShapes } from '../data/synthetic';
import { embedImages } from '../model/embed';
import { useCpuBackend } from '../testing/tfTest';
import { tinyConfig } from '../testing/tinyConfig';
import { CpcTrainer } from '../train/trainer';
import { decodeCheckpoint, encodeCheckpoint } from './format';
import { variableEntry } from './variables';

useCpuBackend();

const data = generateSyntheticShapes({ count: 16, size: 16, seed: 9 });

async function values(trainer: CpcTrainer, names: (string | RegExp)[]) {
  const vars = [
    ...trainer.model.params.all().map((p) => variableEntry(p.name, p.variable)),
    ...trainer.optimizer.stateEntries(),
  ];
  const picked = vars.filter((v) =>
    names.some((n) => (typeof n === 'string' ? v.name === n : n.test(v.name))),
  );
  return Promise.all(picked.map(async (v) => [v.name, Array.from(await v.read())] as const));
}

describe('checkpoints of a trainer', () => {
  it('round-trip weights, optimizer state, step, config and extra data', async () => {
    const trainer = new CpcTrainer(tinyConfig({ norm: 'batch' }), data);
    for (let i = 0; i < 3; i++) await trainer.trainStep();
    const bytes = await trainer.saveCheckpoint({ history: [1, 2, 3] });
    const { trainer: resumed, extra } = CpcTrainer.fromCheckpoint(bytes, data);
    expect(resumed.step).toBe(3);
    expect(resumed.currentConfig).toEqual(trainer.currentConfig);
    expect(extra).toEqual({ history: [1, 2, 3] });
    const everything = [/./];
    const a = await values(trainer, everything);
    const b = await values(resumed, everything);
    expect(b.map(([n]) => n)).toEqual(a.map(([n]) => n));
    expect(b).toEqual(a);
    expect(a.some(([n]) => n === 'optimizer/count')).toBe(true);
    expect(a.some(([n]) => n.endsWith('bn_mean'))).toBe(true); // batch-norm running statistics too
    // The resumed model computes exactly what the saved one did.
    expect(Array.from(await embedImages(resumed.model, data, 'grid3-z'))).toEqual(
      Array.from(await embedImages(trainer.model, data, 'grid3-z')),
    );
    trainer.dispose();
    resumed.dispose();
  });

  it('a resumed trainer continues the random streams: its steps are the steps the original takes', async () => {
    const augmented = tinyConfig({ augElastic: 0.5, augShearRotate: 0.5, augColorJitter: 0.3, augFlip: 0.5 });
    const original = new CpcTrainer(augmented, data);
    for (let i = 0; i < 5; i++) await original.trainStep(); // 16 images, batch 4: past one epoch
    const { trainer: resumed } = CpcTrainer.fromCheckpoint(await original.saveCheckpoint(), data);
    for (let i = 0; i < 3; i++) {
      const [a, b] = [await original.trainStep(), await resumed.trainStep()];
      expect(b.step).toBe(a.step);
      expect(b.loss).toBe(a.loss);
    }
    // On another dataset the saved epoch order does not fit: fresh streams from (seed, step) instead.
    const other = generateSyntheticShapes({ count: 12, size: 16, seed: 3 });
    const { trainer: elsewhere } = CpcTrainer.fromCheckpoint(await original.saveCheckpoint(), other);
    expect(Number.isFinite((await elsewhere.trainStep()).loss)).toBe(true);
    for (const t of [original, resumed, elsewhere]) t.dispose();
  });

  it('refuses a checkpoint whose weights do not fit its config, without leaking', async () => {
    const trainer = new CpcTrainer(tinyConfig(), data);
    const { manifest, tensors } = decodeCheckpoint(await trainer.saveCheckpoint());
    trainer.dispose();
    // GRU weights under an LSTM config: the gate matrices have the wrong size.
    const mismatched = encodeCheckpoint({
      config: { ...manifest.config, context: 'lstm' },
      step: 0,
      tensors: [...tensors].map(([name, v]) => ({ name, values: v, shape: [v.length] })),
    });
    const before = tf.memory().numTensors;
    expect(() => CpcTrainer.fromCheckpoint(mismatched, data)).toThrow(/expects|different model/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a tensor whose shape differs from its variable, even with the same number of values', async () => {
    const trainer = new CpcTrainer(tinyConfig(), data);
    const { manifest, tensors } = decodeCheckpoint(await trainer.saveCheckpoint());
    trainer.dispose();
    const kernel = manifest.tensors.find((t) => t.shape.length === 4 && new Set(t.shape).size > 1)!;
    const relabelled = encodeCheckpoint({
      config: manifest.config,
      step: 0,
      tensors: manifest.tensors.map((t) => ({
        name: t.name,
        values: tensors.get(t.name)!,
        shape: t === kernel ? [...t.shape].reverse() : t.shape,
      })),
    });
    expect(() => CpcTrainer.fromCheckpoint(relabelled, data)).toThrow(
      `Tensor '${kernel.name}' has shape [${[...kernel.shape].reverse()}], the model expects [${kernel.shape}].`,
    );
  });
});
