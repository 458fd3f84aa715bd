import { FILL, type PatchAugmentation } from './patchAugmentation';

/**
 * CPC v1 spatial jitter: a random sub-crop of side round(P·(1 − strength/2)) placed at a random position
 * on a FILL canvas, so strength 1 crops up to half the patch. Strengths below 1/P round back to the
 * whole patch and change nothing. Draws four numbers.
 */
export const spatialJitter: PatchAugmentation = (patch, shape, strength, rng) => {
  const { size, channels, scratch } = shape;
  const side = Math.round(size * (1 - strength / 2));
  const slack = size - side + 1;
  const cropX = rng.int(slack);
  const cropY = rng.int(slack);
  const placeX = rng.int(slack);
  const placeY = rng.int(slack);
  if (side === size) return;
  scratch.set(patch);
  cropAndPlace(scratch, patch, size, channels, { side, cropX, cropY, placeX, placeY });
};

/** A square crop of the source and where its top-left corner lands in the output. */
export interface CropPlacement {
  side: number;
  cropX: number;
  cropY: number;
  placeX: number;
  placeY: number;
}

/** Fills dst (one patch [P, P, C]) with FILL and copies the crop of src into it at the placement. */
export function cropAndPlace(
  src: Float32Array,
  dst: Float32Array,
  size: number,
  channels: number,
  crop: CropPlacement,
): void {
  dst.fill(FILL);
  const rowFloats = crop.side * channels;
  for (let y = 0; y < crop.side; y++) {
    const from = ((crop.cropY + y) * size + crop.cropX) * channels;
    const to = ((crop.placeY + y) * size + crop.placeX) * channels;
    for (let i = 0; i < rowFloats; i++) dst[to + i] = src[from + i];
  }
}
