import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, parseConfig } from './config';
import { resolveGeometry } from './geometry';
import { CpcModel } from './model/cpcModel';
import { PRESETS, presetById } from './presets';
import { useCpuBackend } from './testing/tfTest';

useCpuBackend();

describe('presets', () => {
  for (const preset of PRESETS) {
    it(`${preset.id}: a complete, valid config that builds a model`, () => {
      expect(Object.keys(preset.config).sort()).toEqual([...CONFIG_KEYS].sort());
      expect(parseConfig(preset.config).issues).toEqual([]);
      expect(resolveGeometry(preset.config).errors).toEqual([]);
      const before = tf.memory().numTensors;
      const model = new CpcModel(preset.config);
      expect(model.params.count()).toBeGreaterThan(0);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('follows the references it names', () => {
    expect(presetById('keras-cpc').config).toMatchObject({
      norm: 'batch',
      loss: 'bce',
      context: 'gru',
      contextHidden: 256,
      codeSize: 128,
    });
    expect(presetById('cpc-v2').config).toMatchObject({
      norm: 'layer',
      directions: 'all',
      loss: 'infonce',
      encoder: 'resnet',
    });
    expect(() => presetById('nope' as never)).toThrow(/Unknown preset/);
  });
});
