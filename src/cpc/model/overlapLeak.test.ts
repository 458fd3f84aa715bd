import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ContextKind, CpcConfig, DirectionMode } from '../config';
import { extractPatches } from '../data/patches';
import { viewToGrid } from '../geometry';
import { createRng } from '../random';
import { useCpuBackend } from '../testing/tfTest';
import { tinyConfig } from '../testing/tinyConfig';
import { CpcModel } from './cpcModel';

useCpuBackend();

/**
 * End-to-end check of the overlap guard: rewrite only the pixels of the target patches t + k (their whole
 * pixel rows, or columns for the sideways directions) and measure how far any prediction W_k c_s from a
 * context position s ≤ t moves. Zero means the target shares no pixel with what the context saw.
 */
async function leak(config: CpcConfig): Promise<number> {
  const model = new CpcModel(config);
  const { grid: g, patchSize: p, stride, ks, directions } = model.geometry;
  const size = config.imageSize;
  const rng = createRng(5);
  const image = Uint8Array.from({ length: size * size * 3 }, () => rng.int(256));
  let worst = 0;
  for (const [d, direction] of directions.entries()) {
    for (const [ki, k] of ks.entries()) {
      for (let t = 0; t + k < g; t++) {
        const [r, c] = viewToGrid(direction, t + k, 0, g);
        const vertical = direction === 'down' || direction === 'up';
        const from = (vertical ? r : c) * stride;
        const changed = image.slice();
        for (let y = 0; y < size; y++)
          for (let x = 0; x < size; x++) {
            const along = vertical ? y : x;
            if (along >= from && along < from + p)
              for (let ch = 0; ch < 3; ch++) changed[(y * size + x) * 3 + ch] ^= 0xff;
          }
        const [a, b] = await Promise.all([image, changed].map((pixels) => predictions(model, pixels, size)));
        // Predictions are [Ndir, T, L, K, D] flattened: compare times 0..t of direction d and step k.
        const dim = config.codeSize;
        for (let s = 0; s <= t; s++)
          for (let lane = 0; lane < g; lane++)
            for (let j = 0; j < dim; j++) {
              const at = (((d * g + s) * g + lane) * ks.length + ki) * dim + j;
              worst = Math.max(worst, Math.abs(a[at] - b[at]));
            }
      }
    }
  }
  model.dispose();
  return worst;
}

async function predictions(model: CpcModel, pixels: Uint8Array, size: number): Promise<Float32Array> {
  const { grid: g, patchSize: p, stride } = model.geometry;
  const set = { pixels, count: 1, size, channels: 3 as const, labels: null, classNames: [] };
  const patches = extractPatches(set, [0], p, stride, g);
  const out = tf.tidy(() => {
    const { c } = model.contexts(tf.tensor4d(patches, [g * g, p, p, 3]), 1, false);
    return model.predictions(c); // [Ndir·1·T·L·K, D]
  });
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}

describe('overlap guard, end to end', () => {
  // Stride 3 with 8 px patches: k = 2 still shares two pixel rows with the context; auto picks k = 3.
  const base = { imageSize: 23, patchSize: 8, patchStride: 3, kMax: 3, encoderHidden: 0 } as const; // 6×6 grid

  for (const context of ['gru', 'masked-conv'] satisfies ContextKind[])
    for (const directions of ['top-down', 'all'] satisfies DirectionMode[]) {
      it(`no prediction moves when only target pixels change (auto kMin, ${context}, ${directions})`, async () => {
        expect(await leak(tinyConfig({ ...base, context, directions, kMin: 'auto' }))).toBe(0);
      });
    }

  it('catches a kMin that is one too small', async () => {
    expect(await leak(tinyConfig({ ...base, kMin: 2 }))).toBeGreaterThan(1e-4);
    expect(
      await leak(tinyConfig({ imageSize: 28, patchSize: 8, patchStride: 5, kMax: 3, kMin: 1 })),
    ).toBeGreaterThan(1e-4);
  });
});
