import { imageAt, imageBytes, type ImageSet } from './imageSet';

/**
 * Cuts images into an overlapping grid of square patches. Patch (row r, col c) covers pixels
 * [r·stride, r·stride + patch) × [c·stride, c·stride + patch). This runs on plain arrays in the data
 * pipeline (worker or Node) so that augmentation can follow per patch before one upload to the backend.
 */
export interface PatchLayout {
  /** Images in the batch. */
  batch: number;
  grid: number;
  patchSize: number;
  channels: number;
}

/** Number of floats in a batch of patches laid out [batch, grid, grid, patch, patch, channels]. */
export function patchFloats(layout: PatchLayout): number {
  const { batch, grid, patchSize, channels } = layout;
  return batch * grid * grid * patchSize * patchSize * channels;
}

/**
 * Patches of the chosen images as floats in [0, 1], laid out [B, grid, grid, P, P, C]
 * (equivalently [B·grid·grid, P, P, C]: patch index = (b·grid + row)·grid + col).
 */
export function extractPatches(
  set: ImageSet,
  indices: ArrayLike<number>,
  patchSize: number,
  stride: number,
  grid: number,
): Float32Array {
  const { size, channels } = set;
  if ((grid - 1) * stride + patchSize > size) {
    throw new Error(
      `A ${grid}×${grid} grid of ${patchSize}px patches (stride ${stride}) does not fit ${size}px images.`,
    );
  }
  const out = new Float32Array(patchFloats({ batch: indices.length, grid, patchSize, channels }));
  const rowFloats = patchSize * channels;
  const scratch = new Uint8Array(imageBytes(set)); // a stored image is read into it
  let o = 0;
  for (let b = 0; b < indices.length; b++) {
    const image = imageAt(set, indices[b], scratch);
    for (let r = 0; r < grid; r++) {
      for (let c = 0; c < grid; c++) {
        for (let y = 0; y < patchSize; y++) {
          let src = ((r * stride + y) * size + c * stride) * channels;
          for (let x = 0; x < rowFloats; x++) out[o++] = image[src++] / 255;
        }
      }
    }
  }
  return out;
}
