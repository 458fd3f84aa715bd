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

/** Value a dropped channel takes: mid-grey, which the encoder's [0, 1] → [−1, 1] scaling maps to 0. */
export const DROPPED_CHANNEL_FILL = 0.5;

/**
 * Sets every channel of an RGB patch but `kept` to mid-grey. The kept values stay in their own channel
 * rather than being copied into all three: an intensity then always means the same colour's brightness.
 * The fill is the middle of the range, not 0: 0 is the end of the range (−1 after the encoder's scaling),
 * a strong signal of its own, where mid-grey is "no information" (measured in CPC-NOTES).
 */
export function keepOnlyChannel(patch: Float32Array, kept: number): void {
  for (let i = 0; i < patch.length; i += 3) {
    for (let c = 0; c < 3; c++) if (c !== kept) patch[i + c] = DROPPED_CHANNEL_FILL;
  }
}
