/**
 * The zip reader's first half (./zipReader.ts): where the central directory is, and its records checked
 * against the caller's limits (count, sizes, names that stay inside the archive) before anything is
 * inflated. Works on the file's last bytes and the directory's bytes alone, so a large archive is read
 * piecewise (./zipAt.ts).
 */
import { strFromU8 } from 'fflate';
import { count, formatBytes, ZipError, type ZipEntry, type ZipLimits } from './zipErrors';

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
/** A file's last bytes that always hold its end record, comment and zip64 end record (see findDirectory). */
export const ZIP_TAIL_BYTES = EOCD_BYTES + MAX_COMMENT_BYTES + 20 + 56;

/**
 * The records of a central directory (`directory` holds exactly its bytes), as `listZip` checks them;
 * `records` is the count the end record claims.
 */
export function listDirectory(
  directory: Uint8Array,
  records: number,
  wanted: (name: string) => boolean,
  limits: ZipLimits,
): ZipEntry[] {
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const tooMany = () =>
    new ZipError(`it lists more than ${count(limits.maxRecords)} entries (files and folders)`);
  if (records > limits.maxRecords) throw tooMany();
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let at = 0;
  // The directory's size, not its record count, bounds the walk: writers without zip64 wrap the count
  // at 65,536, so 100,000 files can claim to be 34,464.
  for (let i = 0; at < directory.length; i++) {
    if (i === limits.maxRecords) throw tooMany();
    const { entry, next } = readCentralRecord(directory, view, at, directory.length);
    at = next;
    if (names.has(entry.name)) throw new ZipError(`it lists "${entry.name}" twice`);
    names.add(entry.name);
    if (!wanted(entry.name)) continue;
    if (entries.length === limits.maxFiles)
      throw new ZipError(`it holds more than ${count(limits.maxFiles)} files`);
    if (entry.size > limits.maxFileBytes)
      throw new ZipError(
        `"${entry.name}" would inflate to ${formatBytes(entry.size)}, over the limit of ${formatBytes(limits.maxFileBytes)}`,
      );
    total += entry.size;
    if (total > limits.maxTotalBytes)
      throw new ZipError(
        `its files would inflate to more than ${formatBytes(limits.maxTotalBytes)}, the limit`,
      );
    entries.push(entry);
  }
  return entries;
}

/**
 * The end-of-central-directory record (zip64 when the classic one overflows): where the directory is.
 * `tail` is the file's last bytes (at least `ZIP_TAIL_BYTES` of them, or the whole file), starting at
 * `tailStart` in the file; `startsLikeZip` says whether the file's first bytes are a local header.
 */
export function findDirectory(
  tail: Uint8Array,
  tailStart: number,
  startsLikeZip: boolean,
): { records: number; offset: number; end: number } {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const last = tail.length - EOCD_BYTES;
  const first = Math.max(0, last - MAX_COMMENT_BYTES);
  let eocd = -1;
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0)
    throw new ZipError(
      startsLikeZip
        ? 'it starts like a zip archive but ends before its directory (a cut-off download?)'
        : 'it is not a zip archive',
    );
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0)
    throw new ZipError('it is one part of a split (multi-disk) zip archive');
  let records = view.getUint16(eocd + 10, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  if (records === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    ({ records, size, offset } = readZip64End(view, eocd, tailStart));
  }
  if (offset + size > tailStart + eocd)
    throw new ZipError('its directory points past the end of the file (truncated?)');
  return { records, offset, end: offset + size };
}

/** The zip64 end record must lie in the tail: writers put it right before its locator. */
function readZip64End(
  view: DataView,
  eocd: number,
  tailStart: number,
): { records: number; size: number; offset: number } {
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR_SIGNATURE)
    throw new ZipError('its zip64 directory is missing');
  const at = safeNumber(view.getBigUint64(locator + 8, true)) - tailStart;
  if (at < 0 || at + 56 > locator || view.getUint32(at, true) !== ZIP64_EOCD_SIGNATURE)
    throw new ZipError('its zip64 directory is corrupt');
  return {
    records: safeNumber(view.getBigUint64(at + 32, true)),
    size: safeNumber(view.getBigUint64(at + 40, true)),
    offset: safeNumber(view.getBigUint64(at + 48, true)),
  };
}

function readCentralRecord(
  bytes: Uint8Array,
  view: DataView,
  at: number,
  end: number,
): { entry: ZipEntry; next: number } {
  if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_SIGNATURE)
    throw new ZipError('its directory is corrupt');
  const flags = view.getUint16(at + 8, true);
  const method = view.getUint16(at + 10, true);
  const nameBytes = view.getUint16(at + 28, true);
  const extraBytes = view.getUint16(at + 30, true);
  const next = at + 46 + nameBytes + extraBytes + view.getUint16(at + 32, true);
  if (next > end) throw new ZipError('its directory is corrupt');
  const name = safeName(decodeName(bytes.subarray(at + 46, at + 46 + nameBytes)));
  if (flags & 1) throw new ZipError(`"${name}" is encrypted`);
  if (method !== 0 && method !== 8)
    throw new ZipError(`"${name}" uses compression method ${method} (only stored and deflate are read)`);
  const sizes = {
    size: view.getUint32(at + 24, true),
    compressedSize: view.getUint32(at + 20, true),
    localOffset: view.getUint32(at + 42, true),
  };
  readZip64Extra(view, at + 46 + nameBytes, extraBytes, sizes);
  const entry: ZipEntry = { name, method, crc: view.getUint32(at + 16, true), ...sizes };
  return { entry, next };
}

/** A zip64 extra field holds the 64-bit values of whichever of the three fields read 0xffffffff. */
function readZip64Extra(
  view: DataView,
  start: number,
  length: number,
  sizes: { size: number; compressedSize: number; localOffset: number },
): void {
  for (let at = start; at + 4 <= start + length;) {
    const id = view.getUint16(at, true);
    const bytes = view.getUint16(at + 2, true);
    if (at + 4 + bytes > start + length) throw new ZipError('its directory is corrupt');
    if (id === 0x0001) {
      let field = at + 4;
      for (const key of ['size', 'compressedSize', 'localOffset'] as const) {
        if (sizes[key] !== 0xffffffff) continue;
        if (field + 8 > at + 4 + bytes) throw new ZipError('its directory is corrupt');
        sizes[key] = safeNumber(view.getBigUint64(field, true));
        field += 8;
      }
      return;
    }
    at += 4 + bytes;
  }
}

/** UTF-8, whatever the flag says: what macOS and current tools write, and readable for ASCII names. */
function decodeName(bytes: Uint8Array): string {
  try {
    return strFromU8(bytes);
  } catch {
    throw new ZipError('a file name in its directory is not valid text');
  }
}

/** Refuses names that would point outside the folder the archive unpacks into. */
function safeName(raw: string): string {
  const name = raw.replace(/\\/g, '/');
  const parts = name.split('/');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || parts.includes('..') || name.includes('\0'))
    throw new ZipError(`it holds a file named "${raw}", which points outside the archive`);
  return name;
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('its directory holds impossible sizes');
  return Number(value);
}
