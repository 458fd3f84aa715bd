/**
 * Spare copies of an imported set's pixels, made off the main thread. The page keeps one copy of a set and
 * sends the training worker another (transferred); copying 120 MB on the page for that held the main thread
 * for a second at the end of a large import. The assemble worker makes the second copy beside the first, and
 * the page takes it here, once, instead of copying.
 */
const spares = new WeakMap<Uint8Array, { spare: Uint8Array; expiry: ReturnType<typeof setTimeout> }>();

/**
 * How long a spare waits to be taken. An import trained on takes it within a task or two; one kept in the
 * background must not hold its set twice in memory.
 */
export const SPARE_KEPT_MS = 10_000;

/** Offers `spare`, equal to `pixels`, for a takeCopy(pixels) within `keepMs`. */
export function offerSpareCopy(pixels: Uint8Array, spare: Uint8Array, keepMs = SPARE_KEPT_MS): void {
  if (spare.length !== pixels.length) throw new Error('A spare copy must be as long as its original.');
  releaseSpareCopy(pixels);
  spares.set(pixels, { spare, expiry: setTimeout(() => spares.delete(pixels), keepMs) });
}

/** A copy of `pixels` the caller owns: the spare offered for it (taken once), or a fresh copy. */
export function takeCopy(pixels: Uint8Array): Uint8Array {
  const spare = spares.get(pixels)?.spare;
  releaseSpareCopy(pixels);
  return spare ?? pixels.slice();
}

/**
 * The set is not sent as it is (it was adapted to another size or channel count): its spare goes now.
 * The expiry timer goes with it, since it would otherwise keep the spare reachable until it fires.
 */
export function releaseSpareCopy(pixels: Uint8Array): void {
  const entry = spares.get(pixels);
  if (!entry) return;
  clearTimeout(entry.expiry);
  spares.delete(pixels);
}
