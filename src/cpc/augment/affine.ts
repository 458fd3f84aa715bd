import type { PatchAugmentation } from './patchAugmentation';
import { sampleBilinear } from './sample';

/** Largest rotation (radians) and horizontal shear at strength 1. */
const MAX_ANGLE = Math.PI / 6;
const MAX_SHEAR = 0.3;

/** Random rotation (±30°·strength) and horizontal shear (±0.3·strength) about the centre. Draws two numbers. */
export const shearRotate: PatchAugmentation = (patch, shape, strength, rng) => {
  const angle = MAX_ANGLE * strength * (2 * rng.next() - 1);
  const shear = MAX_SHEAR * strength * (2 * rng.next() - 1);
  if (strength === 0) return;
  shape.scratch.set(patch);
  affineWarp(shape.scratch, patch, shape.size, shape.channels, angle, shear);
};

/**
 * Writes into dst the patch src sheared by `shear` (x += shear·y) and then rotated counter-clockwise as
 * displayed (y points down) by `angle`, both about the patch centre. Each output pixel samples the
 * source at the inverse transform, (rotation · shear)⁻¹ = shear⁻¹ · rotation⁻¹.
 */
export function affineWarp(
  src: Float32Array,
  dst: Float32Array,
  size: number,
  channels: number,
  angle: number,
  shear: number,
): void {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const xx = cos - shear * sin;
  const xy = -sin - shear * cos;
  const yx = sin;
  const yy = cos;
  const centre = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    const dy = y - centre;
    for (let x = 0; x < size; x++) {
      const dx = x - centre;
      const sx = centre + xx * dx + xy * dy;
      const sy = centre + yx * dx + yy * dy;
      sampleBilinear(src, size, channels, sx, sy, dst, (y * size + x) * channels);
    }
  }
}
