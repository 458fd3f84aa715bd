import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSyntheticShapes } from '../../cpc/data/synthetic';
import { useCpuBackend } from '../../cpc/testing/tfTest';
import { tinyConfig } from '../../cpc/testing/tinyConfig';
import { CpcTrainer } from '../../cpc/train/trainer';
import { exportPytorch } from './exportPytorch';
import { findTorch } from '../python';
import { readPytorchSources } from './pytorchSources';
import { torchLoadAsJson } from './torchLoad.testing';

useCpuBackend();

const SOURCES = {
  'cpc.py': '# the model\n',
  'train.py': '# the loop\n',
  'README.md': 'python3 train.py --data {{data}} (step {{step}})\n',
};
const torch = findTorch();

/** A trainer's real checkpoint after two steps, written where the runner would write it. */
async function runnerCheckpoint(data: string): Promise<{ path: string; names: string[]; step: number }> {
  const trainer = new CpcTrainer(
    tinyConfig({ norm: 'batch' }),
    generateSyntheticShapes({ count: 16, size: 16, seed: 3 }),
  );
  for (let i = 0; i < 2; i++) await trainer.trainStep();
  const path = join(mkdtempSync(join(tmpdir(), 'export-pytorch-')), 'checkpoint.cpc.zip');
  writeFileSync(path, await trainer.saveCheckpoint({ data }));
  const names = trainer.model.params.all().map((p) => p.name);
  trainer.dispose();
  return { path, names, step: 2 };
}

describe('exportPytorch', () => {
  it('writes the project unzipped, with the built-in set the run trained on', async () => {
    const { path } = await runnerCheckpoint('mnist');
    const out = join(path, '..', 'project');
    const { project, dir } = exportPytorch(path, out, SOURCES);
    expect(dir).toBe(out);
    expect(project.name).toBe('cpc-mnist-step2-pytorch');
    expect(readdirSync(dir).sort()).toEqual([
      'README.md',
      'config.json',
      'cpc.py',
      'datasets',
      'extra.json',
      'train.py',
      'weights.pt',
    ]);
    expect(readdirSync(join(dir, 'datasets')).sort()).toEqual(['mnist.json', 'mnist.png']);
    expect(readFileSync(join(dir, 'datasets', 'mnist.png'))).toEqual(
      readFileSync('public/datasets/mnist.png'),
    );
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('python3 train.py --data mnist (step 2)\n');
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual(tinyConfig({ norm: 'batch' }));
  });

  it('defaults to a folder named after the project beside the checkpoint; a folder run brings no data', async () => {
    const { path } = await runnerCheckpoint('/data/my photos');
    const { dir } = exportPytorch(path, null, SOURCES);
    expect(dir).toBe(join(path, '..', 'cpc-my-photos-step2-pytorch'));
    expect(existsSync(join(dir, 'weights.pt'))).toBe(true);
    expect(existsSync(join(dir, 'datasets'))).toBe(false);
  });

  it.skipIf('missing' in torch)(
    'weights.pt holds every parameter and moment of a real trainer (python3-torch)',
    async () => {
      const { path, names } = await runnerCheckpoint('synthetic');
      const { dir } = exportPytorch(path, null, SOURCES);
      const loaded = torchLoadAsJson((torch as { python: string }).python, join(dir, 'weights.pt'), true) as {
        step: number;
        params: { OrderedDict: [string, unknown][] };
        optimizer: { step: number; m: { OrderedDict: [string, unknown][] } };
        streams: string;
      };
      expect(loaded.step).toBe(2);
      expect(loaded.optimizer.step).toBe(2);
      const paramNames = loaded.params.OrderedDict.map(([name]) => name);
      expect(paramNames).toEqual(names);
      expect(paramNames.some((n) => n.endsWith('bn_mean'))).toBe(true); // running statistics too
      expect(loaded.optimizer.m.OrderedDict.length).toBeGreaterThan(0);
      expect(JSON.parse(loaded.streams)).toHaveProperty('sampler');
    },
  );
});

describe('readPytorchSources', () => {
  it("reads pytorch/'s shipped files: the README template and every Python file but tests", () => {
    const sources = readPytorchSources();
    expect(Object.keys(sources)).toContain('README.md');
    // Written out rather than read from the folder: a module left out of the project must fail here.
    const python = ['adamw', 'augment', 'cpc', 'images', 'outputs', 'parallel', 'playground_checkpoint']
      .concat(['playground_state', 'probe', 'runlog', 'seeded', 'tasks', 'train'])
      .map((name) => `${name}.py`);
    expect(
      Object.keys(sources)
        .filter((n) => n.endsWith('.py'))
        .sort(),
    ).toEqual(python);
  });
});
