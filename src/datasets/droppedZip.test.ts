import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeCheckpoint } from '../cpc/checkpoint/format';
import { DEFAULT_CONFIG } from '../cpc/config';
import { withCentralField } from '../cpc/testing/zipSurgery';
import { readFromBytes } from '../cpc/archive/zipAt';
import { droppedZipSizeProblem, MAX_DROPPED_ZIP_BYTES, openDroppedZip as openFromReader } from './droppedZip';

const openDroppedZip = (bytes: Uint8Array) => openFromReader(readFromBytes(bytes), bytes.length);

describe('openDroppedZip: the directory decides, not the name', () => {
  it('takes a zip listing the manifest and the tensors for a checkpoint', async () => {
    const bytes = encodeCheckpoint({ config: DEFAULT_CONFIG, step: 7, tensors: [] });
    const opened = await openDroppedZip(bytes);
    expect(opened.kind).toBe('checkpoint');
    if (opened.kind !== 'checkpoint' || !opened.check.ok) throw new Error('not a readable checkpoint');
    expect(opened.check.manifest.step).toBe(7);
  });

  it('hands a checkpoint with a bad manifest to the checkpoint reader, which says why', async () => {
    const manifest = { format: 'cpc-playground-checkpoint', version: 2, step: 0, config: {}, tensors: [] };
    const future = zipSync({
      'checkpoint.json': strToU8(JSON.stringify(manifest)),
      'tensors.bin': new Uint8Array(0),
    });
    const opened = await openDroppedZip(future);
    expect(opened).toMatchObject({ kind: 'checkpoint', check: { ok: false } });
  });

  it('reads any other zip as images, nested manifests included', async () => {
    const zip = zipSync({
      cats: { 'a.png': strToU8('aa'), 'checkpoint.json': strToU8('{}') },
      'tensors.bin': strToU8('b'),
    });
    const opened = await openDroppedZip(zip);
    if (opened.kind !== 'images') throw new Error(`read as ${opened.kind}`);
    expect(opened.entries.map((entry) => entry.name)).toEqual([
      'cats/a.png',
      'cats/checkpoint.json',
      'tensors.bin',
    ]);
  });

  it('refuses what is no zip, with the reader’s reason', async () => {
    expect(await openDroppedZip(strToU8('just some notes'))).toEqual({
      kind: 'refused',
      message: 'Cannot read the .zip: it is not a zip archive.',
    });
    const good = encodeCheckpoint({ config: DEFAULT_CONFIG, step: 3, tensors: [] });
    const cut = await openDroppedZip(good.subarray(0, good.length - 40));
    expect(cut).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('ends before its directory'),
    });
  });

  it('refuses an image zip the import limits refuse, with the import’s sentence', async () => {
    const bomb = withCentralField(zipSync({ 'a.png': strToU8('x') }), 'a.png', 'size', 1.5 * 2 ** 30);
    expect(await openDroppedZip(bomb)).toEqual({
      kind: 'refused',
      message: 'Cannot import the .zip: "a.png" would inflate to 1.5 GiB, over the limit of 256 MiB.',
    });
  });

  it('refuses a file over the larger of the two limits unread', async () => {
    expect(droppedZipSizeProblem(MAX_DROPPED_ZIP_BYTES)).toBeNull();
    expect(droppedZipSizeProblem(MAX_DROPPED_ZIP_BYTES + 1)).toMatch(
      /^Cannot read the \.zip: it is .* over the/,
    );
  });
});
