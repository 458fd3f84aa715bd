/**
 * One buffer for an import's decoded images as they arrive, which then becomes the set's spare copy.
 *
 * Kept as the decode workers sent them, 10,000 images were 10,000 small buffers, and packing them into the
 * set and copying that for the training worker held three sets at once (outcomes, set, spare): the tab's
 * memory peaked there. Copied into this pool as they come (the small buffers go at once), the set is packed
 * from the pool, and the set's bytes are then copied back over the pool, which is the spare: two sets at
 * the end, and one while decoding.
 */
import type { DecodeOutcome } from '../assembleImport';

/** Unused room (files skipped) past which the spare is copied tight instead of keeping the pool. */
const MAX_SLACK = 0.1;

export class ImagePool {
  private readonly bytes: Uint8Array;
  private used = 0;

  /** Room for `files` images of `imageBytes` each: every file the import lists. */
  constructor(
    files: number,
    private readonly imageBytes: number,
  ) {
    this.bytes = new Uint8Array(files * imageBytes);
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
   * A copy of the packed set `pixels` (made from this pool's views, so the pool is free to overwrite),
   * written over the pool; a tight copy instead when the pool has more than MAX_SLACK unused. The pool
   * must not be used after.
   */
  spareOf(pixels: Uint8Array): Uint8Array {
    if (
      pixels.length > this.bytes.length ||
      this.bytes.length - pixels.length > MAX_SLACK * this.bytes.length
    )
      return pixels.slice();
    const spare = this.bytes.subarray(0, pixels.length);
    spare.set(pixels);
    return spare;
  }
}
