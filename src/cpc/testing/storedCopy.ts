import { imageAt, imageBytes, type ImageSet, type StoredPixels } from '../data/imageSet';

/**
 * The set as a large import keeps it: its images written to a file (here a buffer) in another order, each
 * found by its slot, and read through `read` as a browser worker's file handle would.
 */
export function storedCopy(set: ImageSet, file = 'test.bin'): ImageSet & { pixels: StoredPixels } {
  const bytes = imageBytes(set);
  const slots = Int32Array.from({ length: set.count }, (_, i) => set.count - 1 - i); // reversed on disk
  const disk = new Uint8Array(set.count * bytes);
  for (let i = 0; i < set.count; i++) disk.set(imageAt(set, i), slots[i] * bytes);
  const read = (slot: number, out: Uint8Array) =>
    out.set(disk.subarray(slot * out.length, (slot + 1) * out.length));
  return { ...set, pixels: { file, slots, length: disk.length, read } };
}
