import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { CpcConfig, EncoderKind, NormKind } from '../config';
import type { CpcModel } from '../model/cpcModel';
import { maxAbsDiff, useCpuBackend } from '../testing/tfTest';
import { tinyConfig } from '../testing/tinyConfig';
import { encoderToLayersModel } from './encoderLayersModel';
import { modelWithRandomEncoder, randomPatches } from '../testing/randomEncoder';

useCpuBackend();

const TOLERANCE = 1e-5;
const encoders: EncoderKind[] = ['simple-cnn', 'resnet'];
const norms: NormKind[] = ['none', 'batch', 'layer'];

/** Keras layer classes that @tensorflow/tfjs and the Keras converter know without custom code. */
const BUILT_IN = new Set([
  'InputLayer',
  'Rescaling',
  'Conv2D',
  'LayerNormalization',
  'BatchNormalization',
  'LeakyReLU',
  'Activation',
  'Flatten',
  'Dense',
  'Add',
  'GlobalAveragePooling2D',
]);

/** Max |export(x) − model.encode(x, false)| on a few random patches. */
async function exportError(model: CpcModel, exported: tf.LayersModel, seed: number): Promise<number> {
  const x = randomPatches(model.config, 5, seed);
  const [expected, actual] = tf.tidy(() => [model.encode(x, false), exported.predict(x) as tf.Tensor]);
  const error = maxAbsDiff(await expected.data(), await actual.data());
  tf.dispose([x, expected, actual]);
  return error;
}

async function checkParity(config: CpcConfig): Promise<void> {
  const model = modelWithRandomEncoder(config, 11);
  const exported = encoderToLayersModel(model);
  const { patchSize: p, channels: c } = config;
  expect(exported.inputs[0].shape).toEqual([null, p, p, c]);
  expect(exported.outputs[0].shape).toEqual([null, config.codeSize]);
  for (const layer of exported.layers) expect(BUILT_IN).toContain(layer.getClassName());
  expect(await exportError(model, exported, 3)).toBeLessThan(TOLERANCE);
  exported.dispose();
  model.dispose();
}

describe('encoderToLayersModel gives the codes of CpcModel.encode(x, false)', () => {
  for (const encoder of encoders)
    for (const norm of norms)
      for (const channels of [1, 3] as const)
        for (const encoderHidden of [0, 6]) {
          it(`${encoder}, ${norm} norm, ${channels} channel(s), hidden ${encoderHidden}`, async () => {
            await checkParity(tinyConfig({ encoder, norm, channels, encoderHidden }));
          });
        }

  // An odd side pads 'same' convolutions unevenly (7 → 4 → 2 → 1), and the last ResNet block runs at
  // 2×2, where it keeps stride 1.
  for (const encoder of encoders)
    it(`${encoder} on 7 px patches, depth 4`, async () => {
      await checkParity(tinyConfig({ encoder, norm: 'layer', patchSize: 7, encoderDepth: 4 }));
    });
});

describe('the exported model owns its weights', () => {
  it('is unaffected by later training updates, and disposing it leaves the CPC model working', async () => {
    const model = modelWithRandomEncoder(tinyConfig({ norm: 'batch' }), 5);
    const exported = encoderToLayersModel(model);
    const x = randomPatches(model.config, 4, 9);
    const before = exported.predict(x) as tf.Tensor;
    const bias = model.params.get('encoder/code/b');
    tf.tidy(() => bias.assign(tf.add(bias, 1)));
    const after = exported.predict(x) as tf.Tensor;
    expect(maxAbsDiff(await before.data(), await after.data())).toBe(0);
    expect(await exportError(model, exported, 9)).toBeGreaterThan(0.5); // the model did move
    exported.dispose();
    const codes = tf.tidy(() => model.encode(x, false));
    expect((await codes.data()).every(Number.isFinite)).toBe(true);
    tf.dispose([x, before, after, codes]);
    model.dispose();
  });

  it('building, predicting and disposing leaves no tensors behind', async () => {
    const model = modelWithRandomEncoder(tinyConfig({ encoder: 'resnet', norm: 'layer' }), 2);
    const x = randomPatches(model.config, 2, 1);
    const count = tf.memory().numTensors;
    const exported = encoderToLayersModel(model);
    (exported.predict(x) as tf.Tensor).dispose();
    exported.dispose();
    expect(tf.memory().numTensors).toBe(count);
    x.dispose();
    model.dispose();
  });
});
