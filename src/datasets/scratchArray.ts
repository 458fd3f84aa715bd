/**
 * A typed array reused from one call to the next, for work done thousands of times in an import (a frame
 * copied, a picture resized): a new array each time was garbage the decode workers piled up faster than
 * their collectors ran, which raised the tab's peak. Lengths over `maxLength` get a fresh array, so that
 * one huge picture is not held for the rest of the import. The caller must be done with an array before
 * it asks again.
 */
export function scratchArray<T extends Uint8Array | Float64Array>(
  make: (length: number) => T,
  maxLength: number,
): (length: number) => T {
  let scratch = make(0);
  return (length) => {
    if (length > maxLength) return make(length);
    if (scratch.length < length) scratch = make(length);
    return scratch.subarray(0, length) as T;
  };
}
