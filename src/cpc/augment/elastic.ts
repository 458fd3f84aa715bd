import type { PatchAugmentation } from './patchAugmentation';
import { sampleBilinear } from './sample';

/** Control points per side of the coarse displacement grid: a few smooth bends, not pixel noise. */
const GRID = 3;
/** Displacement components drawn per patch: (dx, dy) at each control point. */
export const ELASTIC_OFFSETS = GRID * GRID * 2;

/**
 * Elastic deformation: random offsets in [-1, 1] at 3×3 control points spread over the patch, scaled by
 * P/4·strength and bilinearly interpolated into a smooth displacement per pixel. Draws 18 numbers.
 */
export const elastic: PatchAugmentation = (patch, shape, strength, rng) => {
  const offsets = new Float64Array(ELASTIC_OFFSETS);
  for (let i = 0; i < ELASTIC_OFFSETS; i++) offsets[i] = 2 * rng.next() - 1;
  if (strength === 0) return;
  shape.scratch.set(patch);
  elasticWarp(shape.scratch, patch, shape.size, shape.channels, offsets, (shape.size / 4) * strength);
};

/**
 * Writes into dst the patch src resampled at (x + dx, y + dy), where (dx, dy) is `amplitude` times the
 * bilinear interpolation of `offsets`, laid out [GRID, GRID, 2] with control point (i, j) at pixel
 * (j, i)·(P − 1)/(GRID − 1).
 */
export function elasticWarp(
  src: Float32Array,
  dst: Float32Array,
  size: number,
  channels: number,
  offsets: ArrayLike<number>,
  amplitude: number,
): void {
  const cellsPerPixel = (GRID - 1) / Math.max(size - 1, 1);
  for (let y = 0; y < size; y++) {
    const gy = y * cellsPerPixel;
    const i = Math.min(Math.floor(gy), GRID - 2);
    const ty = gy - i;
    for (let x = 0; x < size; x++) {
      const gx = x * cellsPerPixel;
      const j = Math.min(Math.floor(gx), GRID - 2);
      const tx = gx - j;
      const p00 = (i * GRID + j) * 2;
      const p01 = p00 + 2;
      const p10 = p00 + GRID * 2;
      const p11 = p10 + 2;
      const w00 = (1 - ty) * (1 - tx);
      const w01 = (1 - ty) * tx;
      const w10 = ty * (1 - tx);
      const w11 = ty * tx;
      const dx = w00 * offsets[p00] + w01 * offsets[p01] + w10 * offsets[p10] + w11 * offsets[p11];
      const dy =
        w00 * offsets[p00 + 1] + w01 * offsets[p01 + 1] + w10 * offsets[p10 + 1] + w11 * offsets[p11 + 1];
      sampleBilinear(
        src,
        size,
        channels,
        x + amplitude * dx,
        y + amplitude * dy,
        dst,
        (y * size + x) * channels,
      );
    }
  }
}
