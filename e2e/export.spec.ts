import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import type * as tfjs from '@tensorflow/tfjs';
import { decodeCheckpoint } from '../src/cpc/checkpoint/format';
import { DEFAULT_CONFIG } from '../src/cpc/config';
import { extractPatches } from '../src/cpc/data/patches';
import { generateSyntheticShapes } from '../src/cpc/data/synthetic';
import { gridSize } from '../src/cpc/geometry';
import { findTorch } from '../src/node/python';
import { readPytorchSources } from '../src/node/pytorch/pytorchSources';
import { torchLoadAsJson } from '../src/node/pytorch/torchLoad.testing';
import { clickStep, expect, openPlayground, test, TINY_CONFIG, type Page } from './fixtures';
import { bytesOf, exportFiles } from './downloads';

const TF_MIN_JS = fileURLToPath(new URL('../node_modules/@tensorflow/tfjs/dist/tf.min.js', import.meta.url));
const STEPS = 3;
/** What the worker trains on after choosing "synthetic": the default count, at the run's size and seed. */
const SYNTHETIC = {
  count: 512,
  size: TINY_CONFIG.imageSize,
  seed: DEFAULT_CONFIG.seed,
  channels: 1 as const,
};

/** Switches to the synthetic set (its pixels can be rebuilt here) and trains a few steps. */
async function trainOnSynthetic(page: Page): Promise<void> {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await page.getByTestId('dataset-select').selectOption('synthetic');
  await expect(page.getByTestId('summary-images')).toHaveText(String(SYNTHETIC.count), { timeout: 120_000 });
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  for (let step = 1; step <= STEPS; step++) await clickStep(page, step);
}

function parseTsv(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => line.split('\t'));
}

test('the exported encoder loads in a fresh page and gives the playground embeddings', async ({ page }) => {
  await trainOnSynthetic(page);
  const dim = TINY_CONFIG.codeSize;

  // The default feature, z pooled on a 3×3 grid, is nine codes wide.
  const pooled = await exportFiles(page, 'embeddings', ['vectors.tsv', 'metadata.tsv']);
  const pooledRows = parseTsv(pooled.get('vectors.tsv')!.toString('utf8'));
  expect(new Set(pooledRows.map((row) => row.length))).toEqual(new Set([9 * dim]));

  // Mean z is one code wide: the exported encoder's codes averaged over the image's patches.
  await page.getByTestId('probe-feature').selectOption('mean-z');
  const projector = await exportFiles(page, 'embeddings', ['vectors.tsv', 'metadata.tsv']);
  const vectors = parseTsv(projector.get('vectors.tsv')!.toString('utf8'));
  const metadata = parseTsv(projector.get('metadata.tsv')!.toString('utf8'));
  expect(vectors).toHaveLength(SYNTHETIC.count);
  expect(new Set(vectors.map((row) => row.length))).toEqual(new Set([dim]));
  expect(metadata).toHaveLength(SYNTHETIC.count + 1);
  expect(metadata[0]).toEqual(['name', 'label', 'split']);
  expect(metadata[1]).toEqual(['train-0000', 'circle', 'train']);

  // The weights file is named by model.json's manifest; read that name before waiting for it.
  const modelJsonPending = page.waitForEvent('download', {
    predicate: (d) => d.suggestedFilename() === 'model.json',
  });
  const weightsPending = page.waitForEvent('download', {
    predicate: (d) => d.suggestedFilename() !== 'model.json',
  });
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-encoder').click();
  const modelJson = (await bytesOf(await modelJsonPending)).toString('utf8');
  const weightsDownload = await weightsPending;
  const weights = await bytesOf(weightsDownload);
  const manifestPaths: string[] = JSON.parse(modelJson).weightsManifest.flatMap(
    (g: { paths: string[] }) => g.paths,
  );
  // Relative to model.json, as tf.io.browserDownloads writes them.
  expect(manifestPaths.map((path) => path.replace(/^\.\//, ''))).toEqual([
    weightsDownload.suggestedFilename(),
  ]);

  // Patches of the first images exactly as the worker cuts them, embedded by the exported model alone.
  const images = [0, 1, 2, 3, 4];
  const set = generateSyntheticShapes(SYNTHETIC);
  const grid = gridSize(TINY_CONFIG.imageSize, TINY_CONFIG.patchSize, TINY_CONFIG.patchStride);
  const patches = extractPatches(set, images, TINY_CONFIG.patchSize, TINY_CONFIG.patchStride, grid);
  const codes = await codesInFreshPage(page, modelJson, weightsDownload.suggestedFilename(), weights, {
    patches: Array.from(patches),
    shape: [images.length * grid * grid, TINY_CONFIG.patchSize, TINY_CONFIG.patchSize, 1],
  });

  let maxDiff = 0;
  for (const [row, image] of images.entries()) {
    for (let j = 0; j < dim; j++) {
      let sum = 0;
      for (let p = 0; p < grid * grid; p++) sum += codes[(row * grid * grid + p) * dim + j];
      maxDiff = Math.max(maxDiff, Math.abs(sum / (grid * grid) - Number(vectors[image][j])));
    }
  }
  console.log(`exported encoder vs playground embeddings: max |diff| = ${maxDiff.toExponential(2)}`);
  expect(maxDiff).toBeLessThanOrEqual(1e-5);
});

/**
 * A page on the app's origin that has nothing but tfjs (tf.min.js from node_modules) and the two exported
 * files, all served by routes: it proves the download alone is a loadable LayersModel.
 */
async function codesInFreshPage(
  page: Page,
  modelJson: string,
  weightsName: string,
  weights: Buffer,
  input: { patches: number[]; shape: number[] },
): Promise<number[]> {
  const fresh = await page.context().newPage();
  const errors: string[] = [];
  fresh.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  fresh.on('pageerror', (e) => errors.push(e.message));
  const files: Record<string, { body: string | Buffer; contentType: string }> = {
    'index.html': {
      body: '<!doctype html><title>clean</title><script src="tf.min.js"></script>',
      contentType: 'text/html',
    },
    'tf.min.js': { body: readFileSync(TF_MIN_JS), contentType: 'text/javascript' },
    'model.json': { body: modelJson, contentType: 'application/json' },
    [weightsName]: { body: weights, contentType: 'application/octet-stream' },
  };
  await fresh.route('**/export-check/*', (route) => {
    const file = files[new URL(route.request().url()).pathname.split('/').pop() ?? ''];
    return file ? route.fulfill({ status: 200, ...file }) : route.fulfill({ status: 404, body: 'not found' });
  });
  await fresh.goto('/export-check/index.html');
  const codes = await fresh.evaluate(async ({ patches, shape }) => {
    const tf = (window as unknown as { tf: typeof tfjs }).tf;
    await tf.setBackend('cpu');
    const model = await tf.loadLayersModel('/export-check/model.json');
    const x = tf.tensor4d(patches, shape as [number, number, number, number]); // [N·G·G, P, P, C]
    const z = model.predict(x) as tfjs.Tensor; // [N·G·G, D]
    return Array.from(await z.data());
  }, input);
  expect(errors, 'fresh page console errors').toEqual([]);
  await fresh.close();
  return codes;
}

test('metrics CSV, chart PNG and checkpoint zip download whole', async ({ page }) => {
  await trainOnSynthetic(page);
  await page.getByTestId('probe-run').click();
  await expect(page.getByTestId('probe-result').locator('caption')).toContainText(`Step ${STEPS} `, {
    timeout: 120_000,
  });

  const csv = await exportFiles(page, 'metrics', [
    `cpc-synthetic-step${STEPS}-metrics.csv`,
    `cpc-synthetic-step${STEPS}-probes.csv`,
  ]);
  const metrics = csv.get(`cpc-synthetic-step${STEPS}-metrics.csv`)!.toString('utf8').trimEnd().split('\n');
  expect(metrics[0]).toBe(
    'step,rows,loss_mean,loss_min,loss_max,loss_smoothed,accuracy,accuracy_k2,learning_rate',
  );
  expect(metrics.slice(1).map((line) => line.split(',')[0])).toEqual(['1', '2', '3']);
  const shownLoss = Number(await page.getByTestId('loss-value').textContent());
  expect(Number(metrics[STEPS].split(',')[2])).toBeCloseTo(shownLoss, 3);
  const probes = csv.get(`cpc-synthetic-step${STEPS}-probes.csv`)!.toString('utf8').trimEnd().split('\n');
  expect(probes[0]).toBe(
    'step,feature,cpc_linear,cpc_knn,random_init_linear,random_init_knn,pixels_linear,pixels_knn',
  );
  // Single steps are not pauses: the probe asked for at the last step, after the worker's own at step 0
  // (which a Step within 2 s of ready skips).
  const rows = probes.slice(1).map((line) => line.split(',').slice(0, 2).join(','));
  expect(rows.at(-1)).toBe(`${STEPS},grid3-z`);
  expect(rows.slice(0, -1).every((row) => row === '0,grid3-z')).toBe(true);

  const chart = page.getByTestId('loss-chart');
  const pngPending = page.waitForEvent('download');
  await chart.getByTestId('chart-png').click();
  const pngDownload = await pngPending;
  expect(pngDownload.suggestedFilename()).toBe('loss.png');
  const png = await bytesOf(pngDownload);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const plot = (await chart.locator('.chart-plot').boundingBox())!;
  // Drawn at twice the CSS size, from the plot's box.
  expect(png.readUInt32BE(16)).toBe(Math.round(plot.width * 2));
  expect(png.readUInt32BE(20)).toBe(Math.round(plot.height * 2));

  const zip = await exportFiles(page, 'checkpoint', [`cpc-synthetic-step${STEPS}.zip`]);
  expect(zip.get(`cpc-synthetic-step${STEPS}.zip`)!.subarray(0, 2).toString('latin1')).toBe('PK');
});

test('a request the worker refuses shows its message and downloads nothing', async ({ page }) => {
  // Stands in for a worker failure (e.g. out of memory) that no control can cause on purpose: the
  // embeddings request is answered with `request-failed` instead of reaching the worker.
  await page.addInitScript(() => {
    const post = Worker.prototype.postMessage as (this: Worker, ...args: unknown[]) => void;
    Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
      const command = args[0] as { type?: string; requestId?: number };
      if (command?.type !== 'request-embeddings') return post.apply(this, args);
      const data = { type: 'request-failed', requestId: command.requestId, message: 'Out of memory.' };
      setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data })));
    };
  });
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await clickStep(page, 1);
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-embeddings').click();
  await expect(page.getByTestId('export-error')).toHaveText(/Export failed: Out of memory\./);
  await expect(page.getByTestId('export-status')).toHaveCount(0);
  // The page goes on: the run can step, and the next export works.
  await clickStep(page, 2);
  expect(downloads).toEqual([]);
});

test('Continue in PyTorch: the zip holds the project, the run config and its weights for torch.load', async ({
  page,
}) => {
  // The default data set, Fashion-MNIST, is built in: the project takes its files along.
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  for (let step = 1; step <= 2; step++) await clickStep(page, step);
  const name = 'cpc-fashion-mnist-step2-pytorch';
  const exported = await exportFiles(page, 'pytorch', [`${name}.zip`]);
  const files = unzipSync(exported.get(`${name}.zip`)!);
  const inFolder = (file: string) => Buffer.from(files[`${name}/${file}`] ?? []);

  const sources = readPytorchSources();
  expect(Object.keys(files).sort()).toEqual(
    [
      ...Object.keys(sources),
      'config.json',
      'weights.pt',
      'extra.json',
      'datasets/fashion-mnist.json',
      'datasets/fashion-mnist.png',
    ]
      .map((file) => `${name}/${file}`)
      .sort(),
  );
  for (const [file, text] of Object.entries(sources))
    if (file !== 'README.md') expect(inFolder(file).toString('utf8'), file).toBe(text);
  expect(inFolder('README.md').toString('utf8')).toContain('python3 train.py --data fashion-mnist');
  expect(inFolder('datasets/fashion-mnist.png')).toEqual(readFileSync('public/datasets/fashion-mnist.png'));

  // The run's own checkpoint, saved at the same step, is what the project must hold.
  const saved = await exportFiles(page, 'checkpoint', ['cpc-fashion-mnist-step2.zip']);
  const checkpoint = decodeCheckpoint(saved.get('cpc-fashion-mnist-step2.zip')!);
  expect(JSON.parse(inFolder('config.json').toString('utf8'))).toEqual(checkpoint.manifest.config);
  // The curves go along for train.py to continue (the Step clicks' two points at least).
  const extra = JSON.parse(inFolder('extra.json').toString('utf8'));
  expect(extra.dataset).toEqual({ kind: 'builtin', name: 'fashion-mnist' });
  expect(extra.history.buckets.length).toBeGreaterThan(0);

  const weights = inFolder('weights.pt');
  const torch = findTorch();
  if ('missing' in torch) {
    console.log(`weights.pt checked as a zip only: ${torch.missing}`);
    const records = unzipSync(weights);
    expect(Object.keys(records)).toContain('archive/data.pkl');
    expect(Buffer.from(records['archive/data.pkl']).subarray(0, 2)).toEqual(Buffer.from([0x80, 0x02]));
    return;
  }
  const file = join(mkdtempSync(join(tmpdir(), 'pytorch-export-')), 'weights.pt');
  writeFileSync(file, weights);
  const loaded = torchLoadAsJson(torch.python, file, true) as {
    step: number;
    params: { OrderedDict: [string, { shape: number[]; values: number[] }][] };
  };
  expect(loaded.step).toBe(2);
  const params = checkpoint.manifest.tensors.filter((t) => !t.name.startsWith('optimizer/'));
  expect(loaded.params.OrderedDict.map(([param, t]) => [param, t.shape])).toEqual(
    params.map((t) => [t.name, t.shape]),
  );
  for (const [param, t] of loaded.params.OrderedDict)
    expect(t.values, param).toEqual([...checkpoint.tensors.get(param)!]);
});
