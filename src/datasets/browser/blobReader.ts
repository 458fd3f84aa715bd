import type { ReadAt } from '../../cpc/archive/zipAt';

/** Reads a Blob (a picked or dropped File) piecewise: only the asked-for slice is ever in memory. */
export function readBlobAt(blob: Blob): ReadAt {
  return async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
}
