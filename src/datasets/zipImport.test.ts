import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { manyTinyFiles, withCentralField } from '../cpc/testing/zipSurgery';
import { readFromBytes } from '../cpc/archive/zipAt';
import { listImportZip, readImportEntry, zipSizeProblem } from './zipImport';

/** Lists the zip, then reads every entry, as the archive and decode workers do between them. */
async function unpack(zip: Uint8Array): Promise<Record<string, string>> {
  const read = readFromBytes(zip);
  const entries = await listImportZip(read, zip.length);
  const texts = await Promise.all(entries.map((entry) => readImportEntry(read, zip.length, entry)));
  return Object.fromEntries(entries.map((entry, i) => [entry.name, new TextDecoder().decode(texts[i])]));
}

async function refusal(zip: Uint8Array): Promise<string> {
  try {
    await unpack(zip);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
}

describe('listImportZip and readImportEntry, on hostile archives', () => {
  it('list the kept files and read each on its own', async () => {
    const zip = zipSync({
      a: { 'x.png': strToU8('xx') },
      'y.png': strToU8('yyy'),
      '.hidden.png': strToU8('h'),
    });
    expect(await unpack(zip)).toEqual({ 'a/x.png': 'xx', 'y.png': 'yyy' });
  });

  it('refuses a zip bomb, honest or lying about its size', async () => {
    const honest = withCentralField(zipSync({ 'a.png': strToU8('x') }), 'a.png', 'size', 1.5 * 2 ** 30);
    expect(await refusal(honest)).toBe(
      'Cannot import the .zip: "a.png" would inflate to 1.5 GiB, over the limit of 256 MiB.',
    );
    const lying = withCentralField(zipSync({ 'a.png': new Uint8Array(4 << 20) }), 'a.png', 'size', 10);
    expect(await refusal(lying)).toBe(
      'Cannot import the .zip: "a.png" inflates to more than the 10 bytes its header declares.',
    );
  });

  it('refuses paths outside the archive', async () => {
    expect(await refusal(zipSync({ '../x.png': strToU8('x') }))).toBe(
      'Cannot import the .zip: it holds a file named "../x.png", which points outside the archive.',
    );
    expect(await refusal(zipSync({ '/tmp/x.png': strToU8('x') }))).toBe(
      'Cannot import the .zip: it holds a file named "/tmp/x.png", which points outside the archive.',
    );
  });

  it('refuses 100,000 tiny files', async () => {
    expect(await refusal(manyTinyFiles(100_000))).toBe(
      'Cannot import the .zip: it holds more than 20,000 files.',
    );
    expect(Object.keys(await unpack(manyTinyFiles(3)))).toEqual(['0.png', '1.png', '2.png']);
  });

  it('refuses a truncated zip, a file that is no zip, and one too large to read', async () => {
    const zip = zipSync({ 'a.png': strToU8('x') });
    expect(await refusal(zip.subarray(0, zip.length - 5))).toBe(
      'Cannot import the .zip: it starts like a zip archive but ends before its directory (a cut-off download?).',
    );
    expect(await refusal(strToU8('<html>'))).toBe('Cannot import the .zip: it is not a zip archive.');
    expect(zipSizeProblem(3 * 2 ** 30)).toBe(
      'Cannot import the .zip: it is 3 GiB, over the limit of 1 GiB. Unzip it and import the folder instead.',
    );
  });
});
