/** A typed view of the wasm heap, as BackendWasm.typedArrayFromHeap returns it. */
type HeapView = Float32Array | Int32Array | Uint8Array;

/**
 * Runs shorter than this are copied value by value: a `subarray` view per run costs more than the copy.
 * From 64 values on one `set` per run is faster (Keras CPC's Packs, rows of 64: 9.0–9.8 → 5.4–5.9 ms a
 * step); CPC v2's rows of 32 are faster value by value (8.6–10.9 against 15.8–16.7 ms).
 */
export const SHORT_RUN = 64;

/** to[target …] = from[source …], `length` values, for the kernel replacements' row and run copies. */
export function copyRun(to: HeapView, target: number, from: HeapView, source: number, length: number): void {
  if (length >= SHORT_RUN) to.set(from.subarray(source, source + length), target);
  else for (let c = 0; c < length; c++) to[target + c] = from[source + c];
}
