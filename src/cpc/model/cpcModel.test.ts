import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ContextKind, DirectionMode, EncoderKind, NormKind } from '../config';
import { sampleCandidates } from '../losses/negatives';
import { createRng } from '../random';
import { maxAbsDiff, useCpuBackend } from '../testing/tfTest';
import { tinyConfig } from '../testing/tinyConfig';
import { CpcModel } from './cpcModel';
import { directionViews } from './directionViews';
import { buildPredictionTable } from './predictionTable';
import { viewToGrid } from '../geometry';

useCpuBackend();

const encoders: EncoderKind[] = ['simple-cnn', 'resnet'];
const contexts: ContextKind[] = ['gru', 'lstm', 'masked-conv'];
const directionModes: DirectionMode[] = ['top-down', 'all'];

function randomPatches(n: number, p: number, c: number, seed: number): tf.Tensor4D {
  const rng = createRng(seed);
  return tf.tensor4d(Float32Array.from({ length: n * p * p * c }, rng.next), [n, p, p, c]);
}

describe('output shapes of every encoder × context × direction combination', () => {
  for (const encoder of encoders)
    for (const context of contexts)
      for (const directions of directionModes) {
        it(`${encoder} + ${context} + ${directions}`, async () => {
          const config = tinyConfig({ encoder, context, directions, imageSize: 20, kMax: 3 }); // 4×4 grid, k = 2, 3
          const model = new CpcModel(config);
          const { grid, ks } = model.geometry;
          const ndir = directions === 'all' ? 4 : 1;
          const batch = 3;
          const table = buildPredictionTable(model.geometry, batch);
          const cand = sampleCandidates(
            {
              targets: table.targets,
              patchesPerImage: grid * grid,
              batch,
              negatives: 5,
              sameImageFraction: 0.5,
            },
            createRng(1),
          );
          const patches = randomPatches(batch * grid * grid, 8, 3, 2);
          const candidates = tf.tensor1d(cand, 'int32');
          const shapes = tf.tidy(() => {
            const { z, c } = model.contexts(patches, batch, true);
            const preds = model.predictions(c);
            const scores = model.scores(patches, batch, table, candidates, true);
            const out = model.forward(patches, batch, table, candidates, true);
            return {
              z: z.shape,
              c: c.shape,
              preds: preds.shape,
              scores: scores.shape,
              loss: out.loss.shape,
              losses: out.losses.shape,
            };
          });
          expect(shapes.z).toEqual([batch * grid * grid, config.codeSize]);
          expect(shapes.c).toEqual([ndir, batch, grid, grid, config.contextHidden]);
          expect(shapes.preds).toEqual([ndir * batch * grid * grid * ks.length, config.codeSize]);
          // Predictions with a target: Σ_k (G − k)·G per image and direction.
          const m = ndir * batch * ks.reduce((s, k) => s + (grid - k) * grid, 0);
          expect(table.count).toBe(m);
          expect(shapes.scores).toEqual([m, 6]);
          expect(shapes.loss).toEqual([]);
          expect(shapes.losses).toEqual([m]);
          tf.dispose([patches, candidates]);
          model.dispose();
        });
      }

  for (const norm of ['none', 'batch', 'layer'] as NormKind[]) {
    it(`encodes with ${norm} norm in training and evaluation mode`, () => {
      const model = new CpcModel(tinyConfig({ norm, encoder: 'resnet' }));
      const patches = randomPatches(6, 8, 3, 3);
      const [train, evalShape] = tf.tidy(() => [
        model.encode(patches, true).shape,
        model.encode(patches, false).shape,
      ]);
      expect(train).toEqual([6, 8]);
      expect(evalShape).toEqual([6, 8]);
      patches.dispose();
      model.dispose();
    });
  }
});

describe('context models are causal', () => {
  for (const context of contexts) {
    it(`${context}: c_t does not depend on z after t`, async () => {
      const model = new CpcModel(tinyConfig({ context, imageSize: 24 })); // 5×5 grid
      const z = tf.tensor(
        Float32Array.from({ length: 2 * 5 * 5 * 8 }, createRng(4).normal),
        [1, 2, 5, 5, 8],
      ) as tf.Tensor5D;
      // Change only times 3 and 4.
      const mask = tf.tensor([0, 0, 0, 1, 1], [1, 1, 5, 1, 1]);
      const zChanged = tf.add(z, tf.mul(mask, 5)) as tf.Tensor5D;
      const [before, after] = tf.tidy(() => [model.context.run(z), model.context.run(zChanged)]);
      const early = (t: tf.Tensor) => tf.slice(t, [0, 0, 0, 0, 0], [1, 2, 3, 5, 8]);
      const [a, b] = [early(before), early(after)];
      expect(maxAbsDiff(await a.data(), await b.data())).toBe(0);
      const late = (t: tf.Tensor) => tf.slice(t, [0, 0, 3, 0, 0], [1, 2, 2, 5, 8]);
      const [c, d] = [late(before), late(after)];
      expect(maxAbsDiff(await c.data(), await d.data())).toBeGreaterThan(1e-3);
      tf.dispose([z, mask, zChanged, before, after, a, b, c, d]);
      model.dispose();
    });
  }
});

describe('direction views and prediction targets', () => {
  it('directionViews puts grid cell viewToGrid(d, t, l) at view position (t, l)', async () => {
    const g = 4;
    const grid = tf.tensor(
      Float32Array.from({ length: g * g }, (_, i) => i),
      [1, g, g, 1],
    ) as tf.Tensor4D;
    const dirs = ['down', 'up', 'right', 'left'] as const;
    const views = directionViews(grid, dirs);
    const v = await views.data();
    dirs.forEach((d, di) => {
      for (let t = 0; t < g; t++)
        for (let l = 0; l < g; l++) {
          const [row, col] = viewToGrid(d, t, l, g);
          expect(v[(di * g + t) * g + l]).toBe(row * g + col);
        }
    });
    tf.dispose([grid, views]);
  });

  it('targets sit k steps ahead of the context along each direction', () => {
    const model = new CpcModel(tinyConfig({ directions: 'all', imageSize: 20, kMax: 3 }));
    const { grid: g, ks } = model.geometry;
    const table = buildPredictionTable(model.geometry, 2);
    expect(table.times).toBe(g - 2); // the last two rows of contexts predict nothing with k ≥ 2
    for (const seg of table.segments) {
      expect(ks).toContain(seg.k);
      for (let i = seg.start; i < seg.start + seg.length; i++) {
        const row = table.predictionRows[i];
        const ki = row % ks.length;
        const lane = Math.floor(row / ks.length) % g;
        const t = Math.floor(row / (ks.length * g)) % table.times;
        const b = Math.floor(row / (ks.length * g * table.times)) % 2;
        const d = Math.floor(row / (ks.length * g * table.times * 2));
        expect(ks[ki]).toBe(seg.k);
        const [r, c] = viewToGrid(model.geometry.directions[d], t + seg.k, lane, g);
        expect(table.targets[i]).toBe((b * g + r) * g + c);
      }
    }
    model.dispose();
  });

  it('reads only the contexts that predict: the same losses as from all G rows of contexts', async () => {
    for (const context of contexts) {
      const model = new CpcModel(tinyConfig({ context, directions: 'all', imageSize: 20, kMax: 3 }));
      const { grid: g } = model.geometry;
      const batch = 2;
      const trimmed = buildPredictionTable(model.geometry, batch);
      const full = buildPredictionTable(model.geometry, batch, g);
      expect(trimmed.times).toBe(g - 2);
      expect(full.targets).toEqual(trimmed.targets);
      const candidates = tf.tensor1d(
        sampleCandidates(
          { targets: full.targets, patchesPerImage: g * g, batch, negatives: 5, sameImageFraction: 0.5 },
          createRng(3),
        ),
        'int32',
      );
      const patches = randomPatches(batch * g * g, 8, 3, 4);
      const losses = (table: typeof full) =>
        tf.tidy(() => model.forward(patches, batch, table, candidates, false).losses.arraySync());
      expect(maxAbsDiff(losses(trimmed), losses(full))).toBeLessThan(1e-6);
      tf.dispose([candidates, patches]);
      model.dispose();
    }
  });

  it('refuses a table whose rows would miss contexts that predict', () => {
    const model = new CpcModel(tinyConfig({ imageSize: 20, kMax: 3 }));
    expect(() => buildPredictionTable(model.geometry, 2, 1)).toThrow('needs 2–4 context steps, not 1');
    model.dispose();
  });

  it('trains when one row of contexts predicts (3×3 grid, k = 2): every context model has gradients', async () => {
    for (const context of contexts) {
      const model = new CpcModel(tinyConfig({ context, imageSize: 16, kMax: 2 }));
      const g = model.geometry.grid;
      const table = buildPredictionTable(model.geometry, 2);
      expect([g, table.times]).toEqual([3, 1]);
      const patches = randomPatches(2 * g * g, 8, 3, 5);
      const candidates = tf.tensor1d(
        sampleCandidates(
          { targets: table.targets, patchesPerImage: g * g, batch: 2, negatives: 3, sameImageFraction: 0.5 },
          createRng(4),
        ),
        'int32',
      );
      const { value, grads } = tf.variableGrads(
        () => model.forward(patches, 2, table, candidates, true).loss,
      );
      expect(Number.isFinite((await value.data())[0])).toBe(true);
      expect(Object.keys(grads).some((name) => name.includes('context'))).toBe(true);
      tf.dispose([value, ...Object.values(grads), patches, candidates]);
      model.dispose();
    }
  });
});
