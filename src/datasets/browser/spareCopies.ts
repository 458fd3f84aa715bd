/**
 * Spare copies of an imported set's pixels, made off the main thread. The page keeps one copy of a set and
 * sends the training worker another (transferred); copying 120 MB on the page for that held the main thread
 * for a second at the end of a large import. The assemble worker makes the second copy beside the first, and
 * the page takes it here, once, instead of copying.
 */
const spares = new WeakMap<Uint8Array, Uint8Array>();

/**
 * How long a spare waits to be taken. An import trained on takes it within a task or two; one kept in the
 * background must not hold its set twice in memory.
 */
export const SPARE_KEPT_MS = 10_000;

/** Offers `spare`, equal to `pixels`, for a takeCopy(pixels) within `keepMs`. */
export function offerSpareCopy(pixels: Uint8Array, spare: Uint8Array, keepMs = SPARE_KEPT_MS): void {
  if (spare.length !== pixels.length) throw new Error('A spare copy must be as long as its original.');
  spares.set(pixels, spare);
  setTimeout(() => {
    if (spares.get(pixels) === spare) spares.delete(pixels);
  }, keepMs);
}

/** A copy of `pixels` the caller owns: the spare offered for it (taken once), or a fresh copy. */
export function takeCopy(pixels: Uint8Array): Uint8Array {
  const spare = spares.get(pixels);
  spares.delete(pixels);
  return spare ?? pixels.slice();
}

/** The set is not sent as it is (it was adapted to another size or channel count): its spare goes now. */
export function releaseSpareCopy(pixels: Uint8Array): void {
  spares.delete(pixels);
}
