import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { referenceLayerNorm } from '../testing/referenceLayerNorm';
import { maxAbsDiff, useCpuBackend } from '../testing/tfTest';
import { CHECK_TOLERANCE } from '../ops/webgpu/deviceCheck';
import type { LayerNormOps } from '../ops/webgpu/layerNormKernels';
import { fusedLayerNorm } from './fusedLayerNorm';
import { checkLayerNorm } from './layerNormCheck';
import { normaliseOp } from './norm';

useCpuBackend();

const seeded = (shape: number[], seed: number, mean = 0) => tf.randomNormal(shape, mean, 1, 'float32', seed);

/** Value and gradients w.r.t. x, gain and bias of ⟨norm(x, gain, bias), dy⟩. */
function valueAndGrads(norm: (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.Tensor, inputs: tf.Tensor[]) {
  const y = tf.tidy(() => norm(inputs[0], inputs[1], inputs[2]));
  const dy = seeded(y.shape, 9);
  const grads = tf.grads((x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(norm(x, g, b), dy)))(
    inputs,
  );
  dy.dispose();
  return [y, ...grads];
}

describe('fusedLayerNorm equals normaliseOp, forward and the three gradients', () => {
  const cases: [string, number[], number | undefined][] = [
    ['conv features with LeakyReLU 0.3 (the simple CNN)', [3, 4, 4, 8], 0.3],
    ['conv features with ReLU (slope 0)', [2, 2, 2, 5], 0],
    ['dense features, no activation', [5, 7], undefined],
    ['more rows than one channel-sum chunk (130)', [10, 13, 1, 3], 0.3],
    ['features past one workgroup’s 64 lanes (F = 135)', [2, 3, 5, 9], undefined],
  ];
  for (const [name, shape, slope] of cases) {
    it(name, async () => {
      const c = shape[shape.length - 1];
      const inputs = [seeded(shape, 1, 0.5), seeded([c], 2, 1), seeded([c], 3)];
      const before = tf.memory().numTensors;
      const ours = valueAndGrads((x, g, b) => fusedLayerNorm(x, g, b, slope, referenceLayerNorm), inputs);
      const theirs = valueAndGrads(
        (x, g, b) =>
          normaliseOp(
            x,
            g,
            b,
            shape.slice(1).map((_, i) => i + 1),
            undefined,
            slope,
          ),
        inputs,
      );
      for (const [i, t] of ours.entries()) {
        expect(t.shape).toEqual(theirs[i].shape);
        expect(maxAbsDiff(await t.data(), await theirs[i].data())).toBeLessThan(1e-4);
      }
      tf.dispose([...ours, ...theirs]);
      expect(tf.memory().numTensors).toBe(before); // nothing leaked
      tf.dispose(inputs);
    });
  }
});

describe('checkLayerNorm: the self-check the worker runs on each WebGPU device', () => {
  it('passes correct kernels', async () => {
    const check = await checkLayerNorm(referenceLayerNorm);
    expect(check.ok).toBe(true);
    expect(check.maxError).toBeLessThan(CHECK_TOLERANCE);
  });

  it('fails dx off by 1 %, and channel sums that skip the activation', async () => {
    const scaledDx: LayerNormOps = {
      ...referenceLayerNorm,
      backDx: (...args) => tf.tidy(() => tf.mul(referenceLayerNorm.backDx(...args), 1.01) as tf.Tensor2D),
    };
    const noActivation: LayerNormOps = {
      ...referenceLayerNorm,
      backChannel: (d, saved, s) => referenceLayerNorm.backChannel(d, saved, { ...s, slope: null }),
    };
    for (const broken of [scaledDx, noActivation]) {
      const check = await checkLayerNorm(broken);
      expect(check.ok).toBe(false);
      expect(check.maxError).toBeGreaterThan(CHECK_TOLERANCE);
    }
  });
});
