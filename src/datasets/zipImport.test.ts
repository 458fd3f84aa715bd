import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { manyTinyFiles, withCentralField } from '../cpc/testing/zipSurgery';
import { unpackImportZip, zipSizeProblem } from './zipImport';

function refusal(zip: Uint8Array): string {
  try {
    unpackImportZip(zip);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
}

describe('unpackImportZip, on hostile archives', () => {
  it('packs the kept files end to end in one buffer', () => {
    const { data, files } = unpackImportZip(
      zipSync({ a: { 'x.png': strToU8('xx') }, 'y.png': strToU8('yyy') }),
    );
    expect(files).toEqual([
      { path: 'a/x.png', offset: 0, length: 2 },
      { path: 'y.png', offset: 2, length: 3 },
    ]);
    expect(new TextDecoder().decode(data)).toBe('xxyyy');
  });

  it('refuses a zip bomb, honest or lying about its size', () => {
    const honest = withCentralField(zipSync({ 'a.png': strToU8('x') }), 'a.png', 'size', 1.5 * 2 ** 30);
    expect(refusal(honest)).toBe(
      'Cannot import the .zip: "a.png" would inflate to 1.5 GiB, over the limit of 256 MiB.',
    );
    const lying = withCentralField(zipSync({ 'a.png': new Uint8Array(4 << 20) }), 'a.png', 'size', 10);
    expect(refusal(lying)).toBe(
      'Cannot import the .zip: "a.png" inflates to more than the 10 bytes its header declares.',
    );
  });

  it('refuses paths outside the archive', () => {
    expect(refusal(zipSync({ '../x.png': strToU8('x') }))).toBe(
      'Cannot import the .zip: it holds a file named "../x.png", which points outside the archive.',
    );
    expect(refusal(zipSync({ '/tmp/x.png': strToU8('x') }))).toBe(
      'Cannot import the .zip: it holds a file named "/tmp/x.png", which points outside the archive.',
    );
  });

  it('refuses 100,000 tiny files', () => {
    expect(refusal(manyTinyFiles(100_000))).toBe('Cannot import the .zip: it holds more than 20,000 files.');
    expect(unpackImportZip(manyTinyFiles(3)).files.map((f) => f.path)).toEqual(['0.png', '1.png', '2.png']);
  });

  it('refuses a truncated zip, a file that is no zip, and one too large to read', () => {
    const zip = zipSync({ 'a.png': strToU8('x') });
    expect(refusal(zip.subarray(0, zip.length - 5))).toBe(
      'Cannot import the .zip: it starts like a zip archive but ends before its directory (a cut-off download?).',
    );
    expect(refusal(strToU8('<html>'))).toBe('Cannot import the .zip: it is not a zip archive.');
    expect(zipSizeProblem(3 * 2 ** 30)).toBe(
      'Cannot import the .zip: it is 3 GiB, over the limit of 1 GiB. Unzip it and import the folder instead.',
    );
  });
});
