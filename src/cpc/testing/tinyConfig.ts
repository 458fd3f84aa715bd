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
