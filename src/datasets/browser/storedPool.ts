/**
 * The disk's counterpart of ./imagePool.ts for a large import: each decoded image is written to the
 * import's file as it arrives (slot after slot), and what the assemble step keeps in its place is a stand-in
 * of the right length that holds no bytes of its own. Packing the set in its order is then its slots: no
 * image is moved, and the tab never holds the set.
 */
import type { StoredPixels } from '../../cpc/data/imageSet';
import type { DecodeOutcome } from '../assembleImport';
import { readSlot, type SyncHandleLike } from './storedImports';

export class StoredPool {
  private used = 0;
  /** One image's bytes that every stand-in views; never written. */
  private readonly blank: ArrayBuffer;
  private readonly slotOf = new WeakMap<Uint8Array, number>();

  constructor(
    readonly file: string,
    private readonly handle: SyncHandleLike,
    private readonly imageBytes: number,
  ) {
    this.blank = new ArrayBuffer(imageBytes);
  }

  /** The outcome with its image written to the file and a stand-in for its pixels (as it came when not an image of the set's size). */
  keep(outcome: DecodeOutcome): DecodeOutcome {
    if (!('pixels' in outcome) || outcome.pixels.length !== this.imageBytes) return outcome;
    let wrote: number;
    try {
      wrote = this.handle.write(outcome.pixels, { at: this.used * this.imageBytes });
    } catch (error) {
      throw new Error(
        `The import could not be written to this site's storage on disk (${messageOf(error)}).`,
        {
          cause: error,
        },
      );
    }
    if (wrote !== this.imageBytes)
      throw new Error(
        `Only ${wrote} of an image's ${this.imageBytes} bytes could be written to disk: is it full?`,
      );
    const standIn = new Uint8Array(this.blank);
    this.slotOf.set(standIn, this.used++);
    return { ...outcome, pixels: standIn };
  }

  /**
   * The set of `images` (stand-ins this pool gave, in the set's order) as stored pixels, readable here
   * until close(). An image that is not a stand-in (never, from the assemble worker) is an error.
   */
  pack(images: readonly Uint8Array[]): StoredPixels {
    const slots = Int32Array.from(images, (image) => {
      const slot = this.slotOf.get(image);
      if (slot === undefined) throw new Error('An image of the set was not written to its file.');
      return slot;
    });
    this.handle.flush();
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
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
