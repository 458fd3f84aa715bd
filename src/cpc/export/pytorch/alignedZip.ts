import { strToU8 } from 'fflate';
import { crc32 } from '../../archive/crc32';

/** torch's writer (caffe2 `PyTorchStreamWriter`) starts every record's data on a 64-byte boundary. */
export const ZIP_ALIGNMENT = 64;

export interface ZipRecord {
  name: string;
  data: Uint8Array;
}

const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_OF_DIRECTORY = 22;
/** Version 2.0: plain stored entries, no zip64 (a record stays under 4 GiB). */
const ZIP_VERSION = 20;
/** 1980-01-01 00:00 in DOS date form: a fixed date keeps the bytes reproducible. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** torch pads with an extra field of this id ("FB") filled with 'Z'. */
const PADDING_FIELD_ID = 0x4246;
const PADDING_BYTE = 0x5a;

/**
 * A zip of stored (uncompressed) records whose data each start at a multiple of ZIP_ALIGNMENT, laid out
 * as torch's own writer does: the padding sits in an extra field of the local header only.
 */
export function alignedZip(records: readonly ZipRecord[]): Uint8Array {
  const layout: { name: Uint8Array; data: Uint8Array; crc: number; offset: number; extra: Uint8Array }[] = [];
  let offset = 0;
  for (const record of records) {
    if (record.data.length >= 0xffffffff)
      throw new RangeError(`${record.name} is too large for a zip32 record`);
    const name = strToU8(record.name);
    const extra = paddingField(offset + LOCAL_HEADER + name.length);
    layout.push({ name, data: record.data, crc: crc32(record.data), offset, extra });
    offset += LOCAL_HEADER + name.length + extra.length + record.data.length;
  }
  const directoryOffset = offset;
  const directorySize = layout.reduce((n, r) => n + CENTRAL_HEADER + r.name.length, 0);
  const out = new Uint8Array(directoryOffset + directorySize + END_OF_DIRECTORY);
  const view = new DataView(out.buffer);
  for (const r of layout) {
    const dataStart = writeHeader(view, r.offset, 0x04034b50, r, false);
    out.set(r.name, dataStart - r.extra.length - r.name.length);
    out.set(r.extra, dataStart - r.extra.length);
    out.set(r.data, dataStart);
  }
  let at = directoryOffset;
  for (const r of layout) {
    const end = writeHeader(view, at, 0x02014b50, r, true);
    out.set(r.name, end - r.name.length);
    at = end;
  }
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, layout.length, true);
  view.setUint16(at + 10, layout.length, true);
  view.setUint32(at + 12, directorySize, true);
  view.setUint32(at + 16, directoryOffset, true);
  return out;
}

/** The extra field that moves data starting at `dataStart` (without it) onto the alignment. */
function paddingField(dataStart: number): Uint8Array {
  let pad = (ZIP_ALIGNMENT - (dataStart % ZIP_ALIGNMENT)) % ZIP_ALIGNMENT;
  if (pad === 0) return new Uint8Array(0);
  if (pad < 4) pad += ZIP_ALIGNMENT; // the field's own id and size take 4 bytes
  const field = new Uint8Array(pad).fill(PADDING_BYTE);
  const view = new DataView(field.buffer);
  view.setUint16(0, PADDING_FIELD_ID, true);
  view.setUint16(2, pad - 4, true);
  return field;
}

/**
 * Writes a local (or central) header at `at` and returns where its variable part ends: the local
 * header's name and extra field, the central header's name (which carries no extra field).
 */
function writeHeader(
  view: DataView,
  at: number,
  signature: number,
  r: { name: Uint8Array; data: Uint8Array; crc: number; offset: number; extra: Uint8Array },
  central: boolean,
): number {
  const shift = central ? 2 : 0; // the central header has "version made by" before the shared fields
  view.setUint32(at, signature, true);
  if (central) view.setUint16(at + 4, ZIP_VERSION, true);
  view.setUint16(at + 4 + shift, ZIP_VERSION, true);
  // flags 0, method 0 (stored), time 0
  view.setUint16(at + 12 + shift, DOS_DATE, true);
  view.setUint32(at + 14 + shift, r.crc, true);
  view.setUint32(at + 18 + shift, r.data.length, true);
  view.setUint32(at + 22 + shift, r.data.length, true);
  view.setUint16(at + 26 + shift, r.name.length, true);
  if (!central) {
    view.setUint16(at + 28, r.extra.length, true);
    return at + LOCAL_HEADER + r.name.length + r.extra.length;
  }
  // extra 0, comment 0, disk 0, internal and external attributes 0
  view.setUint32(at + 42, r.offset, true);
  return at + CENTRAL_HEADER + r.name.length;
}
