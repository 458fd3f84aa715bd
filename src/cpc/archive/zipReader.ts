/**
 * A zip reader for files nobody vouches for (a dropped .zip, a checkpoint from a stranger). It reads the
 * central directory first and refuses, before inflating anything, an archive whose listed sizes, file
 * count or paths break the caller's limits. Then it inflates each wanted file in small chunks into a
 * buffer of the size the directory declared, and stops as soon as the data runs past it: headers can lie,
 * and a 9 MB file can inflate to gigabytes. Every failure is a ZipError whose message finishes the sentence
 * "The file …" / "Cannot read the .zip: …".
 *
 * No tfjs and no DOM: it runs in Node tests and in workers alike.
 */
import { Inflate } from 'fflate';
import { crc32 } from './crc32';
import { findDirectory, listDirectory } from './zipDirectory';
import { formatBytes, ZipError, type ZipEntry, type ZipLimits } from './zipErrors';

export { findDirectory, listDirectory, ZIP_TAIL_BYTES } from './zipDirectory';
export { formatBytes, ZipError, type ZipEntry, type ZipLimits } from './zipErrors';

const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
/** Compressed bytes per push: deflate expands at most ~1032×, so one push yields at most ~16.5 MiB. */
const INFLATE_CHUNK_BYTES = 16 * 1024;

/**
 * The wanted files' directory entries, checked against the limits. `wanted` sees the normalised name;
 * every name, wanted or not, must stay inside the archive (no '..' part, no absolute path).
 */
export function listZip(bytes: Uint8Array, wanted: (name: string) => boolean, limits: ZipLimits): ZipEntry[] {
  const startsLikeZip = bytes.length >= 4 && readUint32(bytes, 0) === LOCAL_SIGNATURE;
  const { records, offset, end } = findDirectory(bytes, 0, startsLikeZip);
  return listDirectory(bytes.subarray(offset, end), records, wanted, limits);
}

/**
 * One file's bytes, inflated into `into` (a fresh buffer of the declared size when not given). Never
 * writes or allocates past the declared size; a file whose data runs past it, stops short of it or fails
 * its checksum is refused.
 */
export function inflateZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  into: Uint8Array = new Uint8Array(entry.size),
): Uint8Array {
  const at = entry.localOffset;
  if (at + LOCAL_HEADER_BYTES > bytes.length)
    throw new ZipError(`"${entry.name}" is missing from the archive (truncated or corrupt)`);
  const start = at + localDataOffset(bytes.subarray(at, at + LOCAL_HEADER_BYTES), entry);
  if (start + entry.compressedSize > bytes.length)
    throw new ZipError(`"${entry.name}" is cut off (the file is truncated)`);
  return inflateEntryData(entry, bytes.subarray(start, start + entry.compressedSize), into);
}

/**
 * Where an entry's data starts, from its local header (`header`: the header's first 30 bytes), counted
 * from the header's own start.
 */
export function localDataOffset(header: Uint8Array, entry: ZipEntry): number {
  if (header.length < LOCAL_HEADER_BYTES || readUint32(header, 0) !== LOCAL_SIGNATURE)
    throw new ZipError(`"${entry.name}" is missing from the archive (truncated or corrupt)`);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  return LOCAL_HEADER_BYTES + view.getUint16(26, true) + view.getUint16(28, true);
}

/**
 * An entry's compressed bytes (`data`, exactly `entry.compressedSize` of them) inflated into `into`, of
 * the declared size. Never writes or allocates past it; data that runs past it, stops short of it or fails
 * its checksum is refused.
 */
export function inflateEntryData(
  entry: ZipEntry,
  data: Uint8Array,
  into: Uint8Array = new Uint8Array(entry.size),
): Uint8Array {
  if (into.length !== entry.size) throw new RangeError('inflateZipEntry: target size differs from the entry');
  if (entry.method === 0) {
    if (data.length !== entry.size) throw new ZipError(`"${entry.name}" is stored with a wrong size`);
    into.set(data);
  } else {
    inflateInto(entry.name, data, into);
  }
  if (crc32(into) !== entry.crc)
    throw new ZipError(`"${entry.name}" is corrupt (its checksum does not match)`);
  return into;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at, true);
}

function inflateInto(name: string, data: Uint8Array, into: Uint8Array): void {
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > into.length)
      throw new ZipError(
        `"${name}" inflates to more than the ${formatBytes(into.length)} its header declares`,
      );
    into.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let at = 0; at < data.length; at += INFLATE_CHUNK_BYTES) {
      const end = Math.min(at + INFLATE_CHUNK_BYTES, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
    }
    if (data.length === 0) inflater.push(data, true);
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError(`"${name}" is corrupt (its compressed data does not inflate)`);
  }
  if (written !== into.length)
    throw new ZipError(
      `"${name}" inflates to ${formatBytes(written)}, not the ${formatBytes(into.length)} its header declares`,
    );
}
