import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '../../src/cpc/checkpoint/format';
import type { CpcConfig } from '../../src/cpc/config';
import { tinyConfig } from '../../src/cpc/testing/tinyConfig';
import { maxAbsDiff, useCpuBackend } from '../../src/cpc/testing/tfTest';
import { probePixels } from '../../src/cpc/eval';
import { CpcTrainer } from '../../src/cpc/train/trainer';
import { readHistory, readRunExtra } from '../../src/ui/keep/runExtra';
import { appendRows, EMPTY_HISTORY } from '../../src/ui/store/metricsHistory';
import type { MetricsRow } from '../../src/worker/protocol';
import { probeTrainImages, type HeadlessReport } from '../../src/node/headlessRun';
import { loadRunnerData } from '../../src/node/runnerData';
import { encodePng } from '../../src/node/png';
import { findTorch } from '../../src/node/python';
import { bytesOf } from '../../src/cpc/testing/bytesOf';

const PYTORCH_DIR = resolve(__dirname, '../../pytorch');
const DRIVER = resolve(__dirname, 'runRanks.py');

const torch = findTorch();
const python = 'python' in torch ? torch.python : null;
if ('missing' in torch) console.warn(`pytorch/train.py tests skipped: ${torch.missing}`);

interface MetricsLine {
  step: number;
  loss: number;
  gradNorm: number;
  accuracy: number;
}

/** Two classes of 20×24 colour pictures told apart by a bright left half; cropped and resized to 16 px. */
function writeImageFolder(dir: string): void {
  let state = 7;
  const byte = () => (state = (state * 1103515245 + 12345) % 2 ** 31) % 256;
  for (const cls of ['bright', 'dark']) {
    mkdirSync(join(dir, cls), { recursive: true });
    for (let i = 0; i < 12; i++) {
      const width = 24;
      const height = 20;
      const data = new Uint8Array(width * height * 4);
      for (let p = 0; p < width * height; p++) {
        const bright = cls === 'bright' && p % width < width / 2;
        for (let c = 0; c < 3; c++) data[4 * p + c] = bright ? 255 : byte();
        data[4 * p + 3] = 255;
      }
      writeFileSync(join(dir, cls, `${i}.png`), encodePng({ width, height, data }, 3));
    }
  }
}

function runTrainPy(runs: { world: number; args: string[] }[]): void {
  const result = spawnSync(python!, [DRIVER, PYTORCH_DIR, JSON.stringify(runs)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`train.py failed:\n${result.stdout}\n${result.stderr}`);
}

/** What pytorch/images.py loads: split names, and the first images' pixels (numpy only, no torch). */
function pythonImages(specs: [string, CpcConfig][]): {
  trainNames: string[] | null;
  testNames: string[] | null;
  counts: number[];
  train: number[];
  test: number[];
}[] {
  const script = `
import json, sys, images
out = []
for data, size, channels in json.loads(sys.argv[1]):
    train, test = images.load_data(data, size, channels)
    out.append(dict(trainNames=train.names, testNames=test.names, counts=[len(train), len(test)],
                    train=train.pixels[:40].ravel().tolist(), test=test.pixels[:40].ravel().tolist()))
print(json.dumps(out))`;
  const args = specs.map(([data, c]) => [data, c.imageSize, c.channels]);
  const result = spawnSync(python!, ['-c', script, JSON.stringify(args)], {
    cwd: PYTORCH_DIR,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`images.py failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as ReturnType<typeof pythonImages>;
}

function metrics(dir: string): MetricsLine[] {
  return readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as MetricsLine);
}

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);
}

describe.skipIf(!python)('pytorch/train.py (needs python3-torch)', () => {
  useCpuBackend();
  const root = mkdtempSync(join(tmpdir(), 'cpc-trainpy-'));
  const images = join(root, 'images');
  const out = (name: string) => join(root, name);
  const config: CpcConfig = tinyConfig({ channels: 1, batchSize: 4, warmupSteps: 2, seed: 5 });

  beforeAll(() => {
    writeImageFolder(images);
    writeFileSync(join(root, 'config.json'), JSON.stringify(config));
    const common = ['--data', images, '--log-every', '1'];
    runTrainPy([
      {
        world: 1,
        args: [...common, '--config', join(root, 'config.json'), '--steps', '4', '--out', out('one')],
      },
      {
        world: 2,
        args: [
          ...common,
          '--config',
          join(root, 'config.json'),
          '--steps',
          '4',
          '--out',
          out('two'),
          '--no-probe',
        ],
      },
      {
        world: 1,
        args: [
          ...common,
          '--resume',
          join(out('one'), 'checkpoint.cpc.zip'),
          '--steps',
          '2',
          '--out',
          out('more'),
        ],
      },
      {
        world: 1,
        args: [
          ...common,
          '--resume',
          join(out('one'), 'weights.pt'),
          '--steps',
          '2',
          '--out',
          out('more-pt'),
          '--no-probe',
        ],
      },
      {
        world: 1,
        args: [
          ...common,
          '--config',
          join(root, 'config.json'),
          '--steps',
          '2',
          '--out',
          out('again'),
          '--no-probe',
        ],
      },
      {
        world: 1,
        args: [
          ...common,
          '--resume',
          join(out('again'), 'weights.pt'),
          '--steps',
          '1',
          '--out',
          out('again'),
          '--no-probe',
          '--schedule-steps',
          '50',
        ],
      },
    ]);
  }, 120_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("reports the run and the probe in the runner's format", () => {
    const report = JSON.parse(readFileSync(join(out('one'), 'report.json'), 'utf8')) as HeadlessReport;
    expect(report.steps).toBe(4);
    expect(report.config).toEqual(config);
    expect(report.geometry).toEqual({ grid: 3, patchSize: 8, stride: 4, ks: [2], directions: ['down'] });
    expect(Number.isFinite(report.loss)).toBe(true);
    expect(report.nonFiniteSteps).toBe(0);
    const probe = report.probe!;
    // 24 images, 12 a class: the playground's stratified split holds out round(12 · 0.2) = 2 of each.
    expect([probe.trainImages, probe.testImages]).toEqual([20, 4]);
    expect(probe.feature).toBe('grid3-z');
    expect(Object.keys(probe.features).sort()).toEqual(['grid2-z', 'grid3-z', 'hidden', 'mean-z', 'z-c']);
    expect(probe.features['grid3-z']).toEqual({ cpc: probe.cpc, randomInit: probe.randomInit });
    for (const side of [
      probe.pixels!,
      ...Object.values(probe.features).flatMap((f) => [f.cpc, f.randomInit]),
    ]) {
      // Accuracies over the 4 held-out images: each a whole number of quarters.
      for (const accuracy of [side.linear, side.knn]) {
        expect(accuracy).toBeGreaterThanOrEqual(0);
        expect(accuracy).toBeLessThanOrEqual(1);
        expect(accuracy * 4).toBeCloseTo(Math.round(accuracy * 4), 6);
      }
    }
  });

  it('reads a folder and a built-in set as the playground does: same split, same pixels', async () => {
    const fashion = { ...config, imageSize: 16 };
    const folder = await loadRunnerData(images, config, false);
    const builtin = await loadRunnerData('mnist', fashion, false);
    const py = pythonImages([
      [images, config],
      ['mnist', fashion],
    ]);
    expect(py[0].testNames).toEqual(folder.test!.names);
    expect(py[0].trainNames).toEqual(folder.train.names);
    // Float rounding may land a value on the other side of .5: one grey level at most.
    expect(maxAbsDiff(py[0].test, bytesOf(folder.test!))).toBeLessThanOrEqual(1);
    expect(maxAbsDiff(py[0].train, bytesOf(folder.train))).toBeLessThanOrEqual(1);
    expect(py[1].counts).toEqual([builtin.train.count, builtin.test!.count]);
    expect(
      maxAbsDiff(py[1].train, bytesOf(builtin.train).subarray(0, py[1].train.length)),
    ).toBeLessThanOrEqual(1);
    expect(maxAbsDiff(py[1].test, bytesOf(builtin.test!).subarray(0, py[1].test.length))).toBeLessThanOrEqual(
      1,
    );
  });

  it('folds step rows into the same curve history as the page, buckets merged past 256', () => {
    const rows = Array.from({ length: 600 }, (_, i) => ({
      step: i + 1,
      loss: 3 - Math.log1p(i) / 4 + Math.sin(i) / 10,
      accuracy: i / 600,
      accuracyPerK: [i / 700, i / 800],
      ks: [2, 3],
      learningRate: 0.002 * Math.cos(i / 1000),
    }));
    const script = `
import json, sys, runlog
history = runlog.History([2, 3])
for row in json.loads(sys.stdin.read()):
    history.append(row)
print(json.dumps(history.to_json()))`;
    const result = spawnSync(python!, ['-c', script], {
      cwd: PYTORCH_DIR,
      input: JSON.stringify(rows),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    const page = appendRows(EMPTY_HISTORY, rows as unknown as MetricsRow[]);
    expect(page.width).toBe(4);
    const py = readHistory(JSON.parse(result.stdout));
    expect(py.width).toBe(page.width);
    expect(py.totalRows).toBe(600);
    expect(py.buckets.length).toBe(page.buckets.length);
    py.buckets.forEach((b, i) => {
      const p = page.buckets[i];
      expect([b.step, b.rows, b.lossMin, b.lossMax, b.learningRate]).toEqual([
        p.step,
        p.rows,
        p.lossMin,
        p.lossMax,
        p.learningRate,
      ]);
      expect(b.lossSum).toBeCloseTo(p.lossSum, 10);
      expect(b.lossEma).toBeCloseTo(p.lossEma, 10);
      expect(b.accuracySum).toBeCloseTo(p.accuracySum, 10);
    });
  });

  it('scores raw pixels as the playground does', async () => {
    const report = JSON.parse(readFileSync(join(out('one'), 'report.json'), 'utf8')) as HeadlessReport;
    const data = await loadRunnerData(images, config, false);
    const pixels = await probePixels(probeTrainImages(data.train, config.seed), data.test!);
    expect(report.probe!.pixels).toEqual(pixels);
  });

  it('writes a checkpoint the playground opens, with its step, config and curves', () => {
    const bytes = readFileSync(join(out('one'), 'checkpoint.cpc.zip'));
    const { manifest } = decodeCheckpoint(bytes);
    expect(manifest.step).toBe(4);
    expect(manifest.config).toEqual(config);
    const extra = readRunExtra(manifest.extra);
    expect(extra.history.totalRows).toBe(4);
    expect(extra.history.ks).toEqual([2]);
    expect(extra.dataset).toEqual({ kind: 'images', name: 'images', storedImagesId: null });
    expect(extra.probeHistory.map((p) => p.step)).toEqual([4]);
    // Every weight and AdamW moment the playground's model has, by name and shape.
    const images16 = {
      pixels: new Uint8Array(4 * 16 * 16),
      count: 4,
      size: 16,
      channels: 1 as const,
      labels: null,
      classNames: [],
    };
    const { trainer } = CpcTrainer.fromCheckpoint(bytes, images16);
    expect(trainer.step).toBe(4);
    trainer.dispose();
  });

  it('gives the same loss curve on 2 processes as on 1 for the same global batch', () => {
    const one = metrics(out('one'));
    const two = metrics(out('two'));
    expect(two.map((m) => m.step)).toEqual([1, 2, 3, 4]);
    one.forEach((m, i) => {
      expect(relative(two[i].loss, m.loss)).toBeLessThan(1e-5);
      expect(relative(two[i].gradNorm, m.gradNorm)).toBeLessThan(1e-4);
      expect(two[i].accuracy).toBe(m.accuracy);
    });
  });

  it('continues a playground checkpoint: steps count from the start of the run and the curves go on', () => {
    const report = JSON.parse(readFileSync(join(out('more'), 'report.json'), 'utf8')) as HeadlessReport;
    expect(report.steps).toBe(6);
    expect(metrics(out('more')).map((m) => m.step)).toEqual([5, 6]);
    const { manifest } = decodeCheckpoint(readFileSync(join(out('more'), 'checkpoint.cpc.zip')));
    expect(manifest.step).toBe(6);
    const extra = readRunExtra(manifest.extra);
    expect(extra.history.totalRows).toBe(6);
    expect(extra.probeHistory.map((p) => p.step)).toEqual([4, 6]);
  });

  it('continues its own weights.pt exactly as the .cpc.zip: weights, AdamW moments and step', () => {
    expect(metrics(out('more-pt'))).toEqual(
      metrics(out('more')).map((m) => ({ ...m, elapsedMs: expect.any(Number) })),
    );
    const history = (dir: string) =>
      readRunExtra(decodeCheckpoint(readFileSync(join(out(dir), 'checkpoint.cpc.zip'))).manifest.extra)
        .history;
    expect(history('more-pt')).toEqual(history('more'));
  });

  it('continues metrics.jsonl in its own folder, writes --schedule-steps into both files, leaves no .tmp', () => {
    expect(metrics(out('again')).map((m) => m.step)).toEqual([1, 2, 3]);
    const saved = JSON.parse(readFileSync(join(out('again'), 'config.json'), 'utf8')) as CpcConfig;
    expect(saved.scheduleSteps).toBe(50); // --schedule-steps, in both files the run leaves
    expect(decodeCheckpoint(readFileSync(join(out('again'), 'checkpoint.cpc.zip'))).manifest.config).toEqual({
      ...config,
      scheduleSteps: 50,
    });
    for (const dir of ['one', 'two', 'more', 'again'])
      expect(readdirSync(out(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes a non-finite window mean as null in metrics.jsonl, never bare NaN', () => {
    const script = `
import io, json, train
f = io.StringIO()
row = dict(step=1, loss=float('nan'), accuracy=0.5, ks=[2], lossPerK=[float('inf')], accuracyPerK=[0.5],
           gradNorm=float('nan'), learningRate=1e-3, finite=False)
train.write_window(f, [row], 0.0, 1, 1, 4, lambda line: None)
print(f.getvalue(), end='')`;
    const result = spawnSync(python!, ['-c', script], { cwd: PYTORCH_DIR, encoding: 'utf8' });
    expect(result.stderr).not.toMatch(/Error/);
    const line = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(line).toMatchObject({ step: 1, loss: null, accuracy: null, gradNorm: null, lossPerK: [null] });
  });

  it('saves the steps done on Ctrl-C, then exits non-zero', async () => {
    const dir = out('interrupted');
    const args = ['train.py', '--data', images, '--config', join(root, 'config.json')];
    args.push('--steps', '100000', '--log-every', '1', '--out', dir, '--no-probe');
    const child = spawn(python!, args, { cwd: PYTORCH_DIR });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (/step 2\//.test(stdout) && !child.killed) child.kill('SIGINT');
      });
      child.on('close', done);
    });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/interrupted after step \d+: saved to/);
    expect(stdout).toMatch(/warning: the learning-rate schedule ends at step \d+/); // 100000 steps
    const steps = metrics(dir).map((m) => m.step);
    expect(steps.length).toBeGreaterThanOrEqual(2);
    const { manifest } = decodeCheckpoint(readFileSync(join(dir, 'checkpoint.cpc.zip')));
    expect(manifest.step).toBe(steps[steps.length - 1]);
    expect(readRunExtra(manifest.extra).history.totalRows).toBe(manifest.step);
    expect(existsSync(join(dir, 'weights.pt'))).toBe(true);
  }, 60_000);

  it('keeps the recurrent state and the scores in float32 under bfloat16 autocast', () => {
    const script = `
import json, torch, cpc
out = {}
for context in ('gru', 'lstm'):
    cfg = dict(imageSize=20, channels=3, patchSize=8, patchStride=4, encoderWidth=4, encoderDepth=2, norm='none',
               encoderHidden=8, codeSize=8, contextHidden=8, kMax=3, negatives=7, batchSize=4, context=context)
    torch.manual_seed(0)
    model = cpc.CPC({**cpc.DEFAULT_CONFIG, **cfg})
    module = [m for m in model.modules() if type(m).__name__.endswith('Context')][0]
    z = torch.randn(2, 4, 3, 3, 8)
    with torch.autocast('cpu', dtype=torch.bfloat16):
        loss, _ = model(torch.rand(4, 3, 20, 20), torch.Generator().manual_seed(1))
        out[context] = [str(module(z).dtype), str(loss.dtype)]
print(json.dumps(out))`;
    const result = spawnSync(python!, ['-c', script], { cwd: PYTORCH_DIR, encoding: 'utf8' });
    expect(result.stderr).not.toMatch(/Error/);
    const dtypes = ['torch.float32', 'torch.float32'];
    expect(JSON.parse(result.stdout)).toEqual({ gru: dtypes, lstm: dtypes });
  });
});
