import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { CpcConfig } from '../config';
import { maxAbsDiff, useCpuBackend } from '../testing/tfTest';
import { tinyConfig } from '../testing/tinyConfig';
import { encoderToLayersModel } from './encoderLayersModel';
import { serializeLayersModel, type LayersModelFiles } from './layersModelArtifacts';
import { modelWithRandomEncoder, randomPatches } from '../testing/randomEncoder';

useCpuBackend();

/** Loads the two files the way tf.loadLayersModel reads them over HTTP: parse model.json, fetch the weights. */
function loadFiles(files: LayersModelFiles, weightsFileName: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel({
    load: () =>
      tf.io.getModelArtifactsForJSON(JSON.parse(files.modelJson) as tf.io.ModelJSON, async (manifest) => {
        expect(manifest.flatMap((group) => group.paths)).toEqual([`./${weightsFileName}`]);
        return [manifest.flatMap((group) => group.weights), files.weights];
      }),
  });
}

describe('serializeLayersModel', () => {
  const configs: CpcConfig[] = [
    tinyConfig({ encoder: 'simple-cnn', norm: 'batch', channels: 1 }),
    tinyConfig({ encoder: 'resnet', norm: 'layer', channels: 3 }),
  ];
  for (const config of configs)
    it(`writes model.json + weights that load back to the same codes (${config.encoder}, ${config.norm})`, async () => {
      const model = modelWithRandomEncoder(config, 4);
      const exported = encoderToLayersModel(model);
      const files = await serializeLayersModel(exported, 'weights.bin');
      exported.dispose();

      const json = JSON.parse(files.modelJson) as tf.io.ModelJSON;
      expect(Object.keys(json).sort()).toEqual(
        ['convertedBy', 'format', 'generatedBy', 'modelTopology', 'weightsManifest'].sort(),
      );
      expect(json.format).toBe('layers-model');
      expect(json.generatedBy).toMatch(/^TensorFlow\.js tfjs-layers v4\./);
      expect(json.convertedBy).toBeNull();
      const specs = json.weightsManifest[0].weights;
      const floats = specs.reduce((n, spec) => n + spec.shape.reduce((a, b) => a * b, 1), 0);
      expect(files.weights.byteLength).toBe(floats * 4);

      const loaded = await loadFiles(files, 'weights.bin');
      const x = randomPatches(config, 5, 8);
      const [expected, actual] = tf.tidy(() => [model.encode(x, false), loaded.predict(x) as tf.Tensor]);
      expect(actual.shape).toEqual([5, config.codeSize]);
      expect(maxAbsDiff(await expected.data(), await actual.data())).toBeLessThan(1e-5);
      tf.dispose([x, expected, actual]);
      loaded.dispose();
      model.dispose();
    });

  it('names the weights file encoder.weights.bin by default', async () => {
    const model = modelWithRandomEncoder(tinyConfig(), 1);
    const exported = encoderToLayersModel(model);
    const files = await serializeLayersModel(exported);
    const json = JSON.parse(files.modelJson) as tf.io.ModelJSON;
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0].paths).toEqual(['./encoder.weights.bin']);
    exported.dispose();
    model.dispose();
  });

  it('building, serializing and disposing leaves no tensors behind', async () => {
    const model = modelWithRandomEncoder(tinyConfig({ encoder: 'resnet', norm: 'batch' }), 3);
    const count = tf.memory().numTensors;
    const exported = encoderToLayersModel(model);
    await serializeLayersModel(exported);
    exported.dispose();
    expect(tf.memory().numTensors).toBe(count);
    model.dispose();
  });
});
