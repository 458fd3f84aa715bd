/** What the zip reader (./zipReader.ts) reports and takes: its error, its limits, its entries. */

/** Every failure of the reader; its message finishes the sentence "The file …" / "Cannot read the .zip: …". */
export class ZipError extends Error {
  override name = 'ZipError';
}

export interface ZipLimits {
  /** Directory records read at most, folders and unwanted files included (bounds the parsing work). */
  maxRecords: number;
  /** Wanted files at most. */
  maxFiles: number;
  /** Declared size of one wanted file, inflated. */
  maxFileBytes: number;
  /** Declared sizes of all wanted files together, inflated. */
  maxTotalBytes: number;
}

export interface ZipEntry {
  /** '/'-separated, as stored (backslashes from old Windows tools read as '/'). */
  name: string;
  /** 0: stored, 8: deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  /** Inflated size as the central directory declares it. */
  size: number;
  localOffset: number;
}

/** '1.5 GiB', '64 MiB', '12 kB'-style sizes for messages. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number(value.toFixed(1))} ${units[unit]}`;
}

export function count(n: number): string {
  return n.toLocaleString('en');
}
