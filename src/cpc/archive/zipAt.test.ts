import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { manyTinyFiles, withCentralField } from '../testing/zipSurgery';
import { listZipAt, readFromBytes, readZipEntryAt, type ReadAt } from './zipAt';
import { inflateZipEntry, listZip, ZIP_TAIL_BYTES, ZipError, type ZipLimits } from './zipReader';

const LIMITS: ZipLimits = { maxRecords: 100, maxFiles: 10, maxFileBytes: 1 << 20, maxTotalBytes: 2 << 20 };
const all = () => true;

/** A ReadAt over bytes that records every read, to check what was read and that it never was the whole. */
function recordingReader(bytes: Uint8Array): { read: ReadAt; reads: [number, number][] } {
  const reads: [number, number][] = [];
  const inner = readFromBytes(bytes);
  return { reads, read: (offset, length) => (reads.push([offset, length]), inner(offset, length)) };
}

async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(ZipError);
    return (error as Error).message;
  }
  throw new Error('not refused');
}

/** Incompressible bytes, so that an archive of them is as large as they are. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0, x = seed; i < length; i++) out[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

describe('listZipAt and readZipEntryAt: a zip read piecewise', () => {
  it('list and read what the whole-buffer reader does, stored and deflated, in folders', async () => {
    const zip = zipSync({
      'a.txt': [strToU8('stored'), { level: 0 }],
      d: { 'b.txt': strToU8('x'.repeat(500)) },
    });
    const entries = await listZipAt(readFromBytes(zip), zip.length, all, LIMITS);
    expect(entries).toEqual(listZip(zip, all, LIMITS));
    for (const entry of entries)
      expect(await readZipEntryAt(readFromBytes(zip), zip.length, entry)).toEqual(
        inflateZipEntry(zip, entry),
      );
  });

  it('read a large archive as its tail, its directory and one entry at a time, never whole', async () => {
    const files = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`c/${i}.jpg`, noise(40_000, i)]));
    const zip = zipSync(files, { level: 0 });
    expect(zip.length).toBeGreaterThan(3 * ZIP_TAIL_BYTES);
    const { read, reads } = recordingReader(zip);
    const entries = await listZipAt(read, zip.length, all, LIMITS);
    expect(entries.map((e) => e.name)).toEqual(Object.keys(files));
    // The file's first bytes (is it a zip at all?) and its tail, which here holds the whole directory.
    expect(reads).toEqual([
      [zip.length - ZIP_TAIL_BYTES, ZIP_TAIL_BYTES],
      [0, 4],
    ]);
    reads.length = 0;
    expect(await readZipEntryAt(read, zip.length, entries[5])).toEqual(files['c/5.jpg']);
    expect(reads).toEqual([
      [entries[5].localOffset, 30],
      [entries[5].localOffset + 30 + 'c/5.jpg'.length, 40_000],
    ]);
  });

  it('read a directory that starts before the tail on its own', async () => {
    const zip = manyTinyFiles(2000); // a directory of about 100 kB, larger than the tail
    const { read, reads } = recordingReader(zip);
    const entries = await listZipAt(read, zip.length, all, { ...LIMITS, maxRecords: 2000, maxFiles: 2000 });
    expect(entries).toHaveLength(2000);
    expect(reads).toHaveLength(3);
    expect(new TextDecoder().decode(await readZipEntryAt(read, zip.length, entries[1999]))).toBe('x');
  });

  it('keep the whole-buffer reader’s refusals: a cut-off file, no zip, a bomb, a lying size', async () => {
    const zip = zipSync({ 'a.txt': strToU8('hello hello hello') });
    const cut = zip.subarray(0, zip.length - 10);
    expect(await refusal(() => listZipAt(readFromBytes(cut), cut.length, all, LIMITS))).toBe(
      'it starts like a zip archive but ends before its directory (a cut-off download?)',
    );
    const text = strToU8('just text');
    expect(await refusal(() => listZipAt(readFromBytes(text), text.length, all, LIMITS))).toBe(
      'it is not a zip archive',
    );
    const bomb = zipSync({ 'big.bin': new Uint8Array(3 << 20) });
    expect(await refusal(() => listZipAt(readFromBytes(bomb), bomb.length, all, LIMITS))).toBe(
      '"big.bin" would inflate to 3 MiB, over the limit of 1 MiB',
    );
    const lying = withCentralField(zipSync({ 'a.png': new Uint8Array(4 << 20) }), 'a.png', 'size', 100);
    const [entry] = await listZipAt(readFromBytes(lying), lying.length, all, LIMITS);
    expect(await refusal(() => readZipEntryAt(readFromBytes(lying), lying.length, entry))).toBe(
      '"a.png" inflates to more than the 100 bytes its header declares',
    );
    const noisy = zipSync({ 'n.png': [noise(1.5 * 2 ** 20, 3), { level: 0 }] });
    const small = withCentralField(noisy, 'n.png', 'size', 100);
    const [claim] = await listZipAt(readFromBytes(small), small.length, all, LIMITS);
    expect(await refusal(() => readZipEntryAt(readFromBytes(small), small.length, claim))).toBe(
      '"n.png" is corrupt (its compressed data is larger than the file)',
    );
    const badCrc = withCentralField(zip, 'a.txt', 'crc', 1234);
    const [bad] = await listZipAt(readFromBytes(badCrc), badCrc.length, all, LIMITS);
    expect(await refusal(() => readZipEntryAt(readFromBytes(badCrc), badCrc.length, bad))).toBe(
      '"a.txt" is corrupt (its checksum does not match)',
    );
  });

  it('refuse an entry whose data runs past the end, and a directory too large to be honest', async () => {
    const zip = zipSync({ 'a.bin': [noise(5000, 1), { level: 0 }] });
    const [entry] = listZip(zip, all, LIMITS);
    expect(await refusal(() => readZipEntryAt(readFromBytes(zip), 3000, entry))).toBe(
      '"a.bin" is cut off (the file is truncated)',
    );
    const many = manyTinyFiles(200);
    expect(
      await refusal(() => listZipAt(readFromBytes(many), many.length, all, { ...LIMITS, maxRecords: 5 })),
    ).toBe('its directory is 10.2 KiB, more than 5 KiB');
  });
});
