import type { PatchAugmentation } from './patchAugmentation';

/** With probability `strength`, mirrors the patch left-right. Draws one number. */
export const randomFlip: PatchAugmentation = (patch, shape, strength, rng) => {
  if (rng.next() < strength) flipLeftRight(patch, shape.size, shape.channels);
};

/** Mirrors one patch [P, P, C] left-right in place. */
export function flipLeftRight(patch: Float32Array, size: number, channels: number): void {
  for (let y = 0; y < size; y++) {
    const row = y * size;
    for (let left = 0, right = size - 1; left < right; left++, right--) {
      for (let c = 0; c < channels; c++) {
        const a = (row + left) * channels + c;
        const b = (row + right) * channels + c;
        const t = patch[a];
        patch[a] = patch[b];
        patch[b] = t;
      }
    }
  }
}
