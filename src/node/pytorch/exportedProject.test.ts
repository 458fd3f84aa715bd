import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '../../cpc/checkpoint/format';
import { generateSyntheticShapes } from '../../cpc/data/synthetic';
import { useCpuBackend } from '../../cpc/testing/tfTest';
import { tinyConfig } from '../../cpc/testing/tinyConfig';
import { CpcTrainer } from '../../cpc/train/trainer';
import { findTorch } from '../python';
import { exportPytorch } from './exportPytorch';

useCpuBackend();

const torch = findTorch();
const config = tinyConfig({ channels: 1, imageSize: 16, context: 'lstm', norm: 'batch' });

/** A real trainer's checkpoint at step 2, as if it had trained on MNIST (the project then ships MNIST). */
async function exportedProject(): Promise<{ dir: string; tensors: Map<string, Float32Array> }> {
  const trainer = new CpcTrainer(
    config,
    generateSyntheticShapes({ count: 16, size: 16, seed: 5, channels: 1 }),
  );
  for (let i = 0; i < 2; i++) await trainer.trainStep();
  const path = join(mkdtempSync(join(tmpdir(), 'exported-project-')), 'checkpoint.cpc.zip');
  const bytes = await trainer.saveCheckpoint({ data: 'mnist' });
  trainer.dispose();
  writeFileSync(path, bytes);
  return { dir: exportPytorch(path, null).dir, tensors: decodeCheckpoint(bytes).tensors };
}

function python(dir: string, args: string[]): string {
  const run = spawnSync((torch as { python: string }).python, args, {
    cwd: dir,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (run.status !== 0) throw new Error(`python3 ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

describe.skipIf('missing' in torch)('the exported project (pytorch/cpc.py, train.py, python3-torch)', () => {
  it('cpc.py takes weights.pt in and gives back the checkpoint bit for bit; train.py goes on from its step', async () => {
    const { dir, tensors } = await exportedProject();
    const roundTrip = `
import json, torch
from cpc import CPC, load_playground_state, playground_state
saved = torch.load("weights.pt", weights_only=True)
model = CPC(json.load(open("config.json")))
load_playground_state(model, saved["params"])
back = playground_state(model)
print(json.dumps({n: v.reshape(-1).tolist() for n, v in back.items()}))
`;
    const back = JSON.parse(python(dir, ['-c', roundTrip])) as Record<string, number[]>;
    const params = [...tensors].filter(([name]) => !name.startsWith('optimizer/'));
    expect(Object.keys(back).sort()).toEqual(params.map(([name]) => name).sort());
    for (const [name, values] of params) expect(back[name], name).toEqual([...values]);

    const out = join(dir, 'more');
    python(dir, ['train.py', '--steps', '1', '--out', out, '--no-probe', '--device', 'cpu']);
    const written = decodeCheckpoint(new Uint8Array(readFileSync(join(out, 'checkpoint.cpc.zip'))));
    expect(written.manifest.step).toBe(3);
    expect(written.manifest.config).toEqual(config);
    expect([...written.tensors.keys()].sort()).toEqual([...tensors.keys()].sort());
    expect(written.tensors.get('optimizer/count')).toEqual(Float32Array.of(3));
  });
});
