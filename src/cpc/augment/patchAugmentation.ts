import type { Rng } from '../random';

/** Size of one patch, laid out [P, P, C], and a buffer of the same length that an op may overwrite. */
export interface PatchShape {
  size: number;
  channels: 1 | 3;
  /** Workspace for warps, which cannot resample in place: they copy the patch here first. */
  scratch: Float32Array;
}

/**
 * One random augmentation: edits a single patch in place. It draws the same number of random numbers
 * whatever its strength (including 0, where it then leaves the patch bit-identical), so that switching one
 * augmentation on or off does not change the draws of any other, nor anything drawn later from the rng.
 */
export type PatchAugmentation = (patch: Float32Array, shape: PatchShape, strength: number, rng: Rng) => void;

/**
 * Value of pixels that a crop or warp brings in from outside the patch. Mid-grey is the centre of the
 * [0, 1] input range: the zero padding of the CPC papers, whose inputs are scaled to [-1, 1], and the value
 * that biases neither dark nor bright patches.
 */
export const FILL = 0.5;
