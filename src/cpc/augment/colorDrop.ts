import type { PatchAugmentation } from './patchAugmentation';

/**
 * CPC v2 colour dropping: with probability `strength`, an RGB patch keeps one random channel and loses
 * the other two. Without it the encoder can match neighbouring patches by their colour alone. No-op on
 * grayscale patches. Draws two numbers.
 */
export const randomColorDrop: PatchAugmentation = (patch, shape, strength, rng) => {
  const drop = rng.next() < strength;
  const kept = rng.int(3);
  if (drop && shape.channels === 3) keepOnlyChannel(patch, kept);
};

/**
 * Zeroes every channel of an RGB patch but `kept`. The kept values stay in their own channel rather than
 * being copied into all three: an intensity then always means the same colour's brightness, and the
 * encoder still sees which channel survived instead of a gray image of unknown origin.
 */
export function keepOnlyChannel(patch: Float32Array, kept: number): void {
  for (let i = 0; i < patch.length; i += 3) {
    for (let c = 0; c < 3; c++) if (c !== kept) patch[i + c] = 0;
  }
}
