import { DEFAULT_CONFIG, type CpcConfig } from '../config';

/**
 * A config small enough for the tfjs cpu backend in unit tests: 16 px images, 8 px patches with stride 4
 * (a 3×3 grid, k = 2 only), a few channels everywhere.
 */
export function tinyConfig(change: Partial<CpcConfig> = {}): CpcConfig {
  return {
    ...DEFAULT_CONFIG,
    imageSize: 16,
    channels: 3,
    patchSize: 8,
    patchStride: 4,
    encoderWidth: 4,
    encoderDepth: 2,
    encoderHidden: 8,
    codeSize: 8,
    contextHidden: 8,
    contextLayers: 2,
    kMax: 2,
    negatives: 7,
    batchSize: 4,
    warmupSteps: 0,
    ...change,
  };
}

/**
 * The smallest grid that still trains: 16 px images, 8 px patches at stride 4 (a 3×3 grid, predicting
 * k = 2 only), one conv layer. A step takes milliseconds on cpu and well under a second on software
 * WebGPU; worker tests, e2e tests and scripts put it on top of the default config (URL `config=`).
 */
export const SMALLEST_CONFIG_CHANGE = {
  batchSize: 2,
  imageSize: 16,
  patchSize: 8,
  patchStride: 4,
  encoderWidth: 4,
  encoderDepth: 1,
  encoderHidden: 0,
  codeSize: 8,
  contextHidden: 8,
  kMax: 2,
  negatives: 3,
} satisfies Partial<CpcConfig>;
