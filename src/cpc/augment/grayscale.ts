import type { PatchAugmentation } from './patchAugmentation';

/** With probability `strength`, turns an RGB patch gray. No-op on grayscale patches. Draws one number. */
export const randomGrayscale: PatchAugmentation = (patch, shape, strength, rng) => {
  if (rng.next() < strength && shape.channels === 3) toGrayscale(patch);
};

/** ITU-R BT.601 luma of one RGB pixel; the weights sum to 1, so gray keeps the patch's brightness. */
export function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

/** Replaces each RGB pixel of a patch by its luma in all three channels. */
export function toGrayscale(patch: Float32Array): void {
  for (let i = 0; i < patch.length; i += 3) {
    const y = luma(patch[i], patch[i + 1], patch[i + 2]);
    patch[i] = y;
    patch[i + 1] = y;
    patch[i + 2] = y;
  }
}
