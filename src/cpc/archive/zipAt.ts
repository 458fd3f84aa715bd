/**
 * The zip reader (./zipReader.ts) for an archive too large to hold: it reads the file's last bytes, then
 * its directory, then one entry at a time, through a `ReadAt` (a File's slices in the browser). Memory
 * stays at the directory plus one entry, however large the archive; every check of the whole-buffer
 * reader applies unchanged.
 */
import {
  findDirectory,
  formatBytes,
  inflateEntryData,
  listDirectory,
  localDataOffset,
  ZIP_TAIL_BYTES,
  ZipError,
  type ZipEntry,
  type ZipLimits,
} from './zipReader';

/** `length` bytes of the archive from `offset` (fewer only where the file ends). */
export type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

const LOCAL_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const LOCAL_HEADER_BYTES = 30;
/**
 * Directory bytes per record it may list at most: a record is 46 bytes plus its name and extra fields,
 * a few hundred in practice. Bounds what a directory that claims gigabytes makes us read.
 */
const MAX_DIRECTORY_BYTES_PER_RECORD = 1024;

/** The wanted entries, as `listZip` checks them, reading only the tail and the directory. */
export async function listZipAt(
  read: ReadAt,
  fileSize: number,
  wanted: (name: string) => boolean,
  limits: ZipLimits,
): Promise<ZipEntry[]> {
  const tailStart = Math.max(0, fileSize - ZIP_TAIL_BYTES);
  const tail = await read(tailStart, fileSize - tailStart);
  const head = tailStart === 0 ? tail : await read(0, LOCAL_SIGNATURE.length);
  const startsLikeZip = LOCAL_SIGNATURE.every((byte, i) => head[i] === byte);
  const { records, offset, end } = findDirectory(tail, tailStart, startsLikeZip);
  const maxBytes = limits.maxRecords * MAX_DIRECTORY_BYTES_PER_RECORD;
  if (end - offset > maxBytes)
    throw new ZipError(`its directory is ${formatBytes(end - offset)}, more than ${formatBytes(maxBytes)}`);
  const directory =
    offset >= tailStart
      ? tail.subarray(offset - tailStart, end - tailStart)
      : await read(offset, end - offset);
  return listDirectory(directory, records, wanted, limits);
}

/**
 * One entry's bytes, inflated and checked as `inflateZipEntry` does, reading only its local header and
 * its data.
 */
export async function readZipEntryAt(read: ReadAt, fileSize: number, entry: ZipEntry): Promise<Uint8Array> {
  const at = entry.localOffset;
  // Deflate never grows data by more than 5 bytes per 64 KiB block, so much larger data is damage, refused
  // before it is read into memory; below 1 MiB the inflater's own checks say more precisely what is wrong.
  if (entry.compressedSize > Math.max(entry.size + Math.ceil(entry.size / 1024) + 64, 1 << 20))
    throw new ZipError(`"${entry.name}" is corrupt (its compressed data is larger than the file)`);
  if (at + LOCAL_HEADER_BYTES > fileSize)
    throw new ZipError(`"${entry.name}" is missing from the archive (truncated or corrupt)`);
  const start = at + localDataOffset(await read(at, LOCAL_HEADER_BYTES), entry);
  if (start + entry.compressedSize > fileSize)
    throw new ZipError(`"${entry.name}" is cut off (the file is truncated)`);
  return inflateEntryData(entry, await read(start, entry.compressedSize));
}

/** A `ReadAt` over bytes already in memory (tests, small files). */
export function readFromBytes(bytes: Uint8Array): ReadAt {
  return async (offset, length) => bytes.subarray(offset, offset + length);
}
