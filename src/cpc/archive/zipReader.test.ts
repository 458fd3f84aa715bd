import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { manyTinyFiles, withCentralField } from '../testing/zipSurgery';
import { formatBytes, inflateZipEntry, listZip, ZipError, type ZipLimits } from './zipReader';

const LIMITS: ZipLimits = { maxRecords: 100, maxFiles: 10, maxFileBytes: 1 << 20, maxTotalBytes: 2 << 20 };
const all = () => true;

function readAll(zip: Uint8Array, limits = LIMITS): Record<string, string> {
  const entries = listZip(zip, all, limits);
  return Object.fromEntries(entries.map((e) => [e.name, new TextDecoder().decode(inflateZipEntry(zip, e))]));
}

function refusal(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ZipError);
    return (error as Error).message;
  }
  throw new Error('not refused');
}

describe('listZip and inflateZipEntry', () => {
  it('read stored and deflated files, in folders', () => {
    const zip = zipSync({
      'a.txt': [strToU8('stored'), { level: 0 }],
      d: { 'b.txt': strToU8('x'.repeat(500)) },
    });
    expect(readAll(zip)).toEqual({ 'a.txt': 'stored', 'd/': '', 'd/b.txt': 'x'.repeat(500) });
  });

  it('refuse a bomb whose directory declares its real size, before inflating anything', () => {
    const bomb = zipSync({ 'big.bin': new Uint8Array(3 << 20) }); // 3 MiB of zeros: about 3 kB zipped
    expect(bomb.length).toBeLessThan(8000);
    expect(refusal(() => listZip(bomb, all, LIMITS))).toBe(
      '"big.bin" would inflate to 3 MiB, over the limit of 1 MiB',
    );
    const many = zipSync({
      a: new Uint8Array(900_000),
      b: new Uint8Array(900_000),
      c: new Uint8Array(900_000),
    });
    expect(refusal(() => listZip(many, all, LIMITS))).toBe(
      'its files would inflate to more than 2 MiB, the limit',
    );
  });

  it('refuse a bomb whose directory lies about its size, as soon as the data runs past it', () => {
    const honest = zipSync({ 'checkpoint.json': new Uint8Array(16 << 20) }); // 16 MiB of zeros
    const lying = withCentralField(honest, 'checkpoint.json', 'size', 100);
    const [entry] = listZip(lying, all, LIMITS);
    expect(refusal(() => inflateZipEntry(lying, entry))).toBe(
      '"checkpoint.json" inflates to more than the 100 bytes its header declares',
    );
    const short = withCentralField(zipSync({ f: strToU8('abc') }), 'f', 'size', 5);
    expect(refusal(() => inflateZipEntry(short, listZip(short, all, LIMITS)[0]))).toBe(
      '"f" inflates to 3 bytes, not the 5 bytes its header declares',
    );
  });

  it('refuse paths that leave the archive', () => {
    for (const name of ['../x', 'a/../../x', '/etc/passwd', 'C:\\Windows\\x', '..\\x'])
      expect(refusal(() => listZip(zipSync({ [name]: strToU8('x') }), all, LIMITS))).toBe(
        `it holds a file named "${name}", which points outside the archive`,
      );
  });

  it('count 100,000 files as such, though the end record (written without zip64) says 34,464', () => {
    const zip = manyTinyFiles(100_000);
    expect(refusal(() => listZip(zip, all, { ...LIMITS, maxRecords: 80_000, maxFiles: 100_000 }))).toBe(
      'it lists more than 80,000 entries (files and folders)',
    );
    expect(refusal(() => listZip(zip, all, { ...LIMITS, maxRecords: 200_000, maxFiles: 20_000 }))).toBe(
      'it holds more than 20,000 files',
    );
  });

  it('refuse too many entries or files', () => {
    const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`${i}.png`, strToU8('x')]));
    expect(refusal(() => listZip(zipSync(files), all, LIMITS))).toBe('it holds more than 10 files');
    expect(listZip(zipSync(files), (name) => name !== '0.png', LIMITS)).toHaveLength(10);
    expect(refusal(() => listZip(zipSync(files), all, { ...LIMITS, maxRecords: 5 }))).toBe(
      'it lists more than 5 entries (files and folders)',
    );
  });

  it('name what is wrong with a truncated file, a corrupt one and a file that is no zip', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello hello hello') });
    expect(refusal(() => listZip(zip.slice(0, zip.length - 10), all, LIMITS))).toBe(
      'it starts like a zip archive but ends before its directory (a cut-off download?)',
    );
    expect(refusal(() => listZip(strToU8('just text'), all, LIMITS))).toBe('it is not a zip archive');
    expect(refusal(() => listZip(new Uint8Array(0), all, LIMITS))).toBe('it is not a zip archive');
    const badCrc = withCentralField(zip, 'a.txt', 'crc', 1234);
    expect(refusal(() => inflateZipEntry(badCrc, listZip(badCrc, all, LIMITS)[0]))).toBe(
      '"a.txt" is corrupt (its checksum does not match)',
    );
  });

  it('formats sizes for messages', () => {
    expect([100, 2048, 3 << 20, 1.5 * 2 ** 30].map(formatBytes)).toEqual([
      '100 bytes',
      '2 KiB',
      '3 MiB',
      '1.5 GiB',
    ]);
  });
});
