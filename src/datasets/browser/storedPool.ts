/**
 * The disk's counterpart of ./imagePool.ts for a large import: each decoded image goes to the import's
 * file as it arrives (slot after slot), and what the assemble step keeps in its place is a stand-in of the
 * right length that holds no bytes of its own. Packing the set in its order is then its slots: no image is
 * moved, and the tab never holds the set.
 *
 * Images are written STAGED_IMAGES at a time: each write of a sync access handle costs Chromium 50–100 µs
 * whatever its size (10,000 writes of one 64 px colour image took 0.5–1.0 s in a profile on disk, and the
 * same bytes 64 images a write 40–73 ms).
 */
import type { StoredPixels } from '../../cpc/data/imageSet';
import type { DecodeOutcome } from '../assembleImport';
import { readSlot, type SyncHandleLike } from './storedImports';

/** Images gathered before one write: 768 KB at 64 px in colour. */
export const STAGED_IMAGES = 64;

export class StoredPool {
  /** Images given a slot so far; the last `staged` of them are still in `staging`. */
  private used = 0;
  private staged = 0;
  private readonly staging: Uint8Array;
  /** One image's bytes that every stand-in views; never written. */
  private readonly blank: ArrayBuffer;
  private readonly slotOf = new WeakMap<Uint8Array, number>();

  constructor(
    readonly file: string,
    private readonly handle: SyncHandleLike,
    private readonly imageBytes: number,
  ) {
    this.blank = new ArrayBuffer(imageBytes);
    this.staging = new Uint8Array(STAGED_IMAGES * imageBytes);
  }

  /**
   * The outcome with its image on its way to the file and a stand-in for its pixels (the outcome as it
   * came when it is not an image of the set's size).
   */
  keep(outcome: DecodeOutcome): DecodeOutcome {
    if (!('pixels' in outcome) || outcome.pixels.length !== this.imageBytes) return outcome;
    this.staging.set(outcome.pixels, this.staged * this.imageBytes);
    this.staged++;
    const standIn = new Uint8Array(this.blank);
    this.slotOf.set(standIn, this.used++);
    if (this.staged === STAGED_IMAGES) this.writeStaged();
    return { ...outcome, pixels: standIn };
  }

  /**
   * The set of `images` (stand-ins this pool gave, in the set's order) as stored pixels, readable here
   * until close(). An image that is not a stand-in (never, from the assemble worker) is an error.
   */
  pack(images: readonly Uint8Array[]): StoredPixels {
    this.writeStaged();
    const slots = Int32Array.from(images, (image) => {
      const slot = this.slotOf.get(image);
      if (slot === undefined) throw new Error('An image of the set was not written to its file.');
      return slot;
    });
    const handle = this.handle;
    return {
      file: this.file,
      slots,
      length: slots.length * this.imageBytes,
      read: (slot, out) => readSlot(handle, slot, out),
    };
  }

  /** Closes the file, so that the training worker can open it for reading. */
  close(): void {
    this.handle.close();
  }

  private writeStaged(): void {
    if (this.staged === 0) return;
    const bytes = this.staging.subarray(0, this.staged * this.imageBytes);
    const at = (this.used - this.staged) * this.imageBytes;
    let wrote: number;
    try {
      wrote = this.handle.write(bytes, { at });
    } catch (error) {
      throw new Error(
        `The import could not be written to this site's storage on disk (${messageOf(error)}).`,
        {
          cause: error,
        },
      );
    }
    if (wrote !== bytes.length)
      throw new Error(
        `Only ${wrote} of ${bytes.length} bytes of images could be written to disk: is it full?`,
      );
    this.staged = 0;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
