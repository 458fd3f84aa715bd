import { inflateZipEntry, listZip, localDataOffset } from '../../archive/zipReader';

const LIMITS = { maxRecords: 10_000, maxFiles: 10_000, maxFileBytes: 2 ** 30, maxTotalBytes: 2 ** 31 };

/** Every record of a zip by name, in order, read with the project's own (strict) zip reader. */
export function readZipRecords(zip: Uint8Array): Map<string, Uint8Array> {
  return new Map(listZip(zip, () => true, LIMITS).map((e) => [e.name, inflateZipEntry(zip, e)]));
}

/** Where each record's data starts in the zip, by name. */
export function zipDataOffsets(zip: Uint8Array): Map<string, number> {
  return new Map(
    listZip(zip, () => true, LIMITS).map((e) => [
      e.name,
      e.localOffset + localDataOffset(zip.subarray(e.localOffset, e.localOffset + 30), e),
    ]),
  );
}
