import { luma } from './grayscale';
import type { PatchAugmentation } from './patchAugmentation';

/** Largest change at strength 1: brightness ±0.4, contrast and saturation factors 1 ± 0.4. */
const MAX_CHANGE = 0.4;

/** Random brightness, contrast and saturation per patch, scaled by `strength`. Draws three numbers. */
export const colorJitter: PatchAugmentation = (patch, shape, strength, rng) => {
  const range = MAX_CHANGE * strength;
  const brightness = range * (2 * rng.next() - 1);
  const contrast = 1 + range * (2 * rng.next() - 1);
  const saturation = 1 + range * (2 * rng.next() - 1);
  if (strength === 0) return;
  adjustColor(patch, shape.channels, brightness, contrast, saturation);
};

/**
 * Adds `brightness`, scales the values about the patch mean by `contrast`, then (RGB only) pushes each
 * pixel away from or towards its luma by `saturation`, and clamps to [0, 1]. Clamping once at the end
 * rather than after every step keeps detail that a bright shift would otherwise flatten before the
 * contrast change.
 */
export function adjustColor(
  patch: Float32Array,
  channels: number,
  brightness: number,
  contrast: number,
  saturation: number,
): void {
  // (v − mean)·contrast + mean + brightness, folded into one multiply-add per value.
  const offset = (1 - contrast) * patchMean(patch) + brightness;
  if (channels === 1) {
    for (let i = 0; i < patch.length; i++) patch[i] = clamp01(patch[i] * contrast + offset);
    return;
  }
  for (let i = 0; i < patch.length; i += 3) {
    const r = patch[i] * contrast + offset;
    const g = patch[i + 1] * contrast + offset;
    const b = patch[i + 2] * contrast + offset;
    const gray = luma(r, g, b);
    patch[i] = clamp01(gray + saturation * (r - gray));
    patch[i + 1] = clamp01(gray + saturation * (g - gray));
    patch[i + 2] = clamp01(gray + saturation * (b - gray));
  }
}

/** Mean over all pixels and channels: one contrast pivot per patch keeps its colour balance. */
function patchMean(patch: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < patch.length; i++) sum += patch[i];
  return sum / patch.length;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
