import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { alignedZip, ZIP_ALIGNMENT } from './alignedZip';
import { readZipRecords, zipDataOffsets } from './zipRecords.testing';

/** Records whose names and sizes put the unpadded data start at every remainder mod 64 at least once. */
function manyRecords() {
  return Array.from({ length: 70 }, (_, i) => ({
    name: `archive/${'n'.repeat(1 + (i % 7))}/${i}`,
    data: Uint8Array.from({ length: (i * 13) % 97 }, (_, j) => (i + j) & 0xff),
  }));
}

describe('alignedZip', () => {
  it('starts every record on a 64-byte boundary, as torch writes them', () => {
    const records = manyRecords();
    const zip = alignedZip(records);
    const offsets = zipDataOffsets(zip);
    expect(offsets.size).toBe(records.length);
    for (const [name, offset] of offsets) expect([name, offset % ZIP_ALIGNMENT]).toEqual([name, 0]);
  });

  it('reads back byte for byte with the strict reader and with fflate', () => {
    const records = manyRecords();
    const zip = alignedZip(records);
    const strict = readZipRecords(zip);
    const loose = unzipSync(zip);
    for (const { name, data } of records) {
      expect(strict.get(name)).toEqual(data);
      expect(loose[name]).toEqual(data);
    }
  });

  it('is reproducible: the same records give the same bytes', () => {
    expect(alignedZip(manyRecords())).toEqual(alignedZip(manyRecords()));
  });
});
