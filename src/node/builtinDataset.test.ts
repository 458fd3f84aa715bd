import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImageSet } from '../cpc/data/imageSet';
import { BUILTIN_DATASETS } from '../datasets/builtin';
import { imageSetToSprite, type DatasetManifest } from '../datasets/format';
import { loadBuiltinDataset } from './builtinDataset';
import { encodePng } from './png';
import { bytesOf } from '../cpc/testing/bytesOf';

describe('loadBuiltinDataset', () => {
  let root: string;
  const set: ImageSet = {
    pixels: Uint8Array.from({ length: 5 * 3 * 3 }, (_, i) => (i * 53) % 256),
    count: 5,
    size: 3,
    channels: 1,
    labels: Int32Array.from([1, 0, 1, 1, 0]),
    classNames: ['0', '1'],
  };
  const manifest = (name: string, columns: number): DatasetManifest => ({
    format: 'cpc-playground-dataset',
    version: 1,
    name,
    title: 'Tiny',
    licence: 'MIT',
    source: 'test',
    size: 3,
    channels: 1,
    count: 5,
    columns,
    classNames: ['0', '1'],
    labels: [1, 0, 1, 1, 0],
    split: { train: 3, test: 2 },
  });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cpc-builtin-'));
    const sprite = imageSetToSprite(set);
    await writeFile(
      join(root, 'mnist.png'),
      encodePng({ width: sprite.width, height: sprite.height, data: sprite.rgba }, 1),
    );
    await writeFile(join(root, 'mnist.json'), JSON.stringify(manifest('mnist', sprite.columns)));
    await writeFile(
      join(root, 'fashion-mnist.png'),
      encodePng({ width: sprite.width, height: sprite.height, data: sprite.rgba }, 1),
    );
    await writeFile(join(root, 'fashion-mnist.json'), JSON.stringify(manifest('mnist', sprite.columns)));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('decodes a grayscale sprite back to the exact pixels, split train then test', async () => {
    const { train, test } = await loadBuiltinDataset('mnist', root);
    expect(bytesOf(train)).toEqual(bytesOf(set).slice(0, 27));
    expect(bytesOf(test)).toEqual(bytesOf(set).slice(27));
    expect(Array.from(train.labels ?? [])).toEqual([1, 0, 1]);
    expect(Array.from(test.labels ?? [])).toEqual([1, 0]);
    expect([test.count, test.size, test.channels, test.classNames]).toEqual([2, 3, 1, ['0', '1']]);
  });

  it('refuses a manifest that names another dataset', async () => {
    await expect(loadBuiltinDataset('fashion-mnist', root)).rejects.toThrow(
      /describes dataset 'mnist', not 'fashion-mnist'/,
    );
  });

  // The committed files themselves: counts, balanced test splits, and real (not blank) images.
  it.each(BUILTIN_DATASETS)('loads the shipped %s', async (name) => {
    const { train, test } = await loadBuiltinDataset(name);
    expect([train.size, train.channels, train.classNames.length]).toEqual([28, 1, 10]);
    expect(train.count + test.count).toBeGreaterThanOrEqual(10_000);
    const perClass = new Array(10).fill(0);
    for (const label of test.labels ?? []) perClass[label]++;
    expect(perClass).toEqual(new Array(10).fill(200));
    const mean = bytesOf(train).reduce((a, b) => a + b, 0) / bytesOf(train).length;
    expect(mean).toBeGreaterThan(20);
    expect(mean).toBeLessThan(120);
  });
});
