import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCheckpoint, decodeCheckpoint } from '../../cpc/checkpoint/format';
import { Float32Tensor, PythonFloat, torchSave } from '../../cpc/export/pytorch/torchSave';
import { weightsFile } from '../../cpc/export/pytorch/weightsFile';
import { createRng } from '../../cpc/random';
import { tinyConfig } from '../../cpc/testing/tinyConfig';
import { findTorch } from '../python';
import { torchLoadAsJson } from './torchLoad.testing';

const torch = findTorch();
const dir = mkdtempSync(join(tmpdir(), 'torch-save-'));

function loadBack(bytes: Uint8Array, weightsOnly = true): unknown {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.pt`);
  writeFileSync(file, bytes);
  return torchLoadAsJson((torch as { python: string }).python, file, weightsOnly);
}

/** float32 values spread over many magnitudes and signs, with the awkward ones among them. */
function awkwardValues(count: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const values = Float32Array.from(
    { length: count },
    () => (rng.next() - 0.5) * 10 ** Math.floor(rng.next() * 40 - 20),
  );
  values.set([0, -0, 1e-45, 3.4028234663852886e38, -1.1754943508222875e-38].slice(0, count));
  return values;
}

function expectTensor(loaded: unknown, shape: number[], values: Float32Array) {
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  expect(loaded).toEqual({
    dtype: 'torch.float32',
    shape,
    stride: strides,
    contiguous: true,
    values: [...values],
  });
}

describe.skipIf('missing' in torch)('torch.load reads what torchSave writes (needs python3-torch)', () => {
  it('tensors of every rank, scalar and empty included, bit for bit', () => {
    const shapes = [[], [1], [5], [0, 3], [3, 3, 1, 4], [1, 2, 1, 2, 1]];
    const tensors = shapes.map(
      (shape, i) =>
        new Float32Tensor(
          shape,
          awkwardValues(
            shape.reduce((a, b) => a * b, 1),
            i + 1,
          ),
        ),
    );
    const loaded = loadBack(torchSave({ t: tensors })) as { t: unknown[] };
    shapes.forEach((shape, i) => expectTensor(loaded.t[i], shape, tensors[i].values));
  });

  it('dicts, OrderedDicts in order, lists, str, int, bool and None as Python has them', () => {
    const value = {
      name: 'zürich ✓',
      count: 70000,
      big: 2 ** 40,
      negative: -3,
      yes: true,
      nothing: null,
      list: [1, 'two', [3]],
      ordered: new Map([
        ['z', 1],
        ['a', 2],
        ['m', 3],
      ]),
    };
    expect(loadBack(torchSave(value))).toEqual({
      ...value,
      ordered: {
        OrderedDict: [
          ['z', 1],
          ['a', 2],
          ['m', 3],
        ],
      },
    });
  });

  it('floats load as floats (torch 1.13 loads them without weights_only only)', () => {
    expect(loadBack(torchSave({ one: new PythonFloat(1), x: 0.1 }), false)).toEqual({ one: 1, x: 0.1 });
  });

  it("weights.pt of a checkpoint: params, AdamW moments, steps and streams under the playground's names", () => {
    const names = ['encoder/conv0/w', 'encoder/conv0/b', 'context/wx'];
    const shapes = [[3, 3, 1, 4], [4], [1, 4, 12]];
    const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const tensors = [
      ...names.map((name, i) => ({ name, shape: shapes[i], values: awkwardValues(size(shapes[i]), i + 10) })),
      { name: 'optimizer/count', shape: [], values: Float32Array.of(41) },
      ...names.flatMap((name, i) => [
        { name: `optimizer/m/${name}`, shape: shapes[i], values: awkwardValues(size(shapes[i]), i + 20) },
        {
          name: `optimizer/v/${name}`,
          shape: shapes[i],
          values: awkwardValues(size(shapes[i]), i + 30).map(Math.abs),
        },
      ]),
    ];
    const streams = { sampler: { rng: { state: 7, spareNormal: null }, order: [2, 0, 1] } };
    const extra = { data: 'synthetic', history: { buckets: [] } };
    const checkpoint = decodeCheckpoint(
      encodeCheckpoint({ config: tinyConfig(), step: 42, tensors, extra, streams }),
    );
    const loaded = loadBack(weightsFile(checkpoint)) as Record<string, unknown>;
    const byName = new Map(tensors.map((t) => [t.name, t]));
    const ordered = (prefix: string) => ({
      OrderedDict: names.map((name) => {
        const { shape, values } = byName.get(`${prefix}${name}`)!;
        return [
          name,
          { dtype: 'torch.float32', shape, stride: expect.any(Array), contiguous: true, values: [...values] },
        ];
      }),
    });
    expect(loaded).toEqual({
      format: 'cpc-playground-weights',
      version: 1,
      step: 42,
      params: ordered(''),
      optimizer: { step: 41, m: ordered('optimizer/m/'), v: ordered('optimizer/v/') },
      streams: JSON.stringify(streams),
    });
  });
});
