import type { CpcConfig } from '../config';
import type { Rng } from '../random';
import { shearRotate } from './affine';
import { randomColorDrop } from './colorDrop';
import { colorJitter } from './colorJitter';
import { elastic } from './elastic';
import { randomFlip } from './flip';
import { randomGrayscale } from './grayscale';
import type { PatchAugmentation, PatchShape } from './patchAugmentation';
import { spatialJitter } from './spatialJitter';

/** Strengths (0 = off) or probabilities of each per-patch augmentation; meanings as in CpcConfig. */
export interface AugmentParams {
  jitter: number;
  flip: number;
  colorDrop: number;
  colorJitter: number;
  grayscale: number;
  shearRotate: number;
  elastic: number;
}

export function augmentParamsFromConfig(config: CpcConfig): AugmentParams {
  return {
    jitter: config.augJitter,
    flip: config.augFlip,
    colorDrop: config.augColorDrop,
    colorJitter: config.augColorJitter,
    grayscale: config.augGrayscale,
    shearRotate: config.augShearRotate,
    elastic: config.augElastic,
  };
}

/** Evaluation time: every patch passes through unchanged. */
export const NO_AUGMENTATION: AugmentParams = Object.freeze({
  jitter: 0,
  flip: 0,
  colorDrop: 0,
  colorJitter: 0,
  grayscale: 0,
  shearRotate: 0,
  elastic: 0,
});

/**
 * Order of application. Warps come first so that the jitter's fill border stays straight; colour drop
 * comes last so that the dropped channels stay exactly mid-grey instead of picking up a brightness shift.
 */
const PIPELINE: readonly (readonly [keyof AugmentParams, PatchAugmentation])[] = [
  ['elastic', elastic],
  ['shearRotate', shearRotate],
  ['jitter', spatialJitter],
  ['flip', randomFlip],
  ['colorJitter', colorJitter],
  ['grayscale', randomGrayscale],
  ['colorDrop', randomColorDrop],
];

/**
 * Augments a batch of patches laid out [n, P, P, C] with values in [0, 1]. Returns a new array; the input
 * is untouched. Each patch draws its own random parameters from rng, a fixed count per patch whatever the
 * strengths (zero included), so the rng ends in the same state for any params and turning one
 * augmentation on does not change what the others, or later users of the rng, draw.
 */
export function augmentPatches(
  patches: Float32Array,
  n: number,
  patchSize: number,
  channels: 1 | 3,
  params: AugmentParams,
  rng: Rng,
): Float32Array {
  const floats = patchSize * patchSize * channels;
  if (patches.length !== n * floats) {
    throw new Error(
      `Expected ${n} patches of ${patchSize}×${patchSize}×${channels} floats, got ${patches.length}.`,
    );
  }
  const out = patches.slice();
  const shape: PatchShape = { size: patchSize, channels, scratch: new Float32Array(floats) };
  for (let p = 0; p < n; p++) {
    const patch = out.subarray(p * floats, (p + 1) * floats);
    for (const [key, augment] of PIPELINE) augment(patch, shape, params[key], rng);
  }
  return out;
}
