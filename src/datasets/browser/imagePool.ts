/**
 * One buffer for an import's decoded images as they arrive, which then becomes the set itself.
 *
 * Kept as the decode workers sent them, 10,000 images were 10,000 small buffers, and packing them into a
 * set of their own held two sets at once at the end: the tab's memory peaked there. Copied into this pool
 * as they come (the small buffers go at once), the images are then put in the set's order by moving them
 * within the pool (pack), so a set is held once, from the first image to the hand-over. The pool is a
 * SharedArrayBuffer where the page may share memory (../sharedPixels.ts), so the set needs no copy after.
 */
import { packCopies, type DecodeOutcome } from '../assembleImport';

/** Unused room (files skipped) past which the set is copied tight instead of keeping the pool. */
const MAX_SLACK = 0.1;

export class ImagePool {
  private readonly bytes: Uint8Array;
  private used = 0;

  /** Room for `files` images of `imageBytes` each: every file the import lists. */
  constructor(
    files: number,
    private readonly imageBytes: number,
    private readonly allocate: (length: number) => Uint8Array = (length) => new Uint8Array(length),
  ) {
    this.bytes = allocate(files * imageBytes);
  }

  /** The outcome, its pixels now a view of the pool (as it came when they are not one image's size). */
  keep(outcome: DecodeOutcome): DecodeOutcome {
    if (!('pixels' in outcome) || outcome.pixels.length !== this.imageBytes) return outcome;
    if (this.used + this.imageBytes > this.bytes.length) return outcome;
    const view = this.bytes.subarray(this.used, this.used + this.imageBytes);
    view.set(outcome.pixels);
    this.used += this.imageBytes;
    return { ...outcome, pixels: view };
  }

  /**
   * The set of `images` (views this pool gave, in the set's order) packed into one buffer: the pool itself,
   * its images moved into that order, or a tight copy when more than MAX_SLACK of the pool is unused. An
   * image from elsewhere, or one given twice (never, from the assemble worker), packs into a new buffer.
   * The pool's views must not be used after.
   */
  pack(images: readonly Uint8Array[]): Uint8Array {
    const length = images.length * this.imageBytes;
    const slots = images.map((image) => this.slotOf(image));
    const distinct = new Set(slots).size === slots.length;
    if (!distinct || slots.some((slot) => slot < 0)) return packCopies(images, this.allocate(length));
    permuteInPlace(this.bytes, this.imageBytes, slots, this.used / this.imageBytes);
    const packed = this.bytes.subarray(0, length);
    if (this.bytes.length - length <= MAX_SLACK * this.bytes.length) return packed;
    const tight = this.allocate(length);
    tight.set(packed);
    return tight;
  }

  /** Which of this pool's images `image` is, or -1 when it is not a view of one. */
  private slotOf(image: Uint8Array): number {
    const offset = image.byteOffset - this.bytes.byteOffset;
    const ours = image.buffer === this.bytes.buffer && image.length === this.imageBytes;
    return ours && offset >= 0 && offset % this.imageBytes === 0 && offset < this.used
      ? offset / this.imageBytes
      : -1;
  }
}

/**
 * Moves images within `bytes` so that image i is the one that was at slot `from[i]` (distinct slots of
 * `slots` in all). The positions past from.length take the unused slots, which makes the move a
 * permutation of the slots: each of its cycles is followed with one image held aside.
 */
export function permuteInPlace(
  bytes: Uint8Array,
  imageBytes: number,
  from: readonly number[],
  slots: number,
): void {
  const source = Int32Array.from(from);
  const full = new Int32Array(slots);
  full.set(source);
  const taken = new Uint8Array(slots);
  for (const slot of source) taken[slot] = 1;
  let next = source.length;
  for (let slot = 0; slot < slots; slot++) if (!taken[slot]) full[next++] = slot;
  const held = new Uint8Array(imageBytes);
  const done = new Uint8Array(slots);
  const image = (slot: number) => bytes.subarray(slot * imageBytes, (slot + 1) * imageBytes);
  for (let start = 0; start < slots; start++) {
    if (done[start] || full[start] === start) continue;
    held.set(image(start));
    let at = start;
    while (full[at] !== start) {
      bytes.copyWithin(at * imageBytes, full[at] * imageBytes, (full[at] + 1) * imageBytes);
      done[at] = 1;
      at = full[at];
    }
    image(at).set(held);
    done[at] = 1;
  }
}
