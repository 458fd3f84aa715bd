import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CheckpointError, encodeCheckpoint } from '../../checkpoint/format';
import { tinyConfig } from '../../testing/tinyConfig';
import { buildPytorchProject, dataArgument, isShippedSource, pytorchProjectZip } from './pytorchProject';
import { readZipRecords } from './zipRecords.testing';

const SOURCES = {
  'cpc.py': '# the model\n',
  'train.py': '# the loop\n',
  'images.py': '# images\n',
  'test_cpc.py': '# a test, not shipped\n',
  'README.md': 'From step {{step}} of {{createdAt}}: python3 train.py --data {{data}}\n',
};

const config = tinyConfig({ context: 'lstm', loss: 'bce' });

function checkpoint(extra: Record<string, unknown>, step = 7): Uint8Array {
  return encodeCheckpoint({
    config,
    step,
    tensors: [
      { name: 'encoder/conv0/w', shape: [3, 3, 3, 4], values: new Float32Array(108).fill(0.5) },
      { name: 'optimizer/count', shape: [], values: Float32Array.of(6) },
      { name: 'optimizer/m/encoder/conv0/w', shape: [3, 3, 3, 4], values: new Float32Array(108) },
      { name: 'optimizer/v/encoder/conv0/w', shape: [3, 3, 3, 4], values: new Float32Array(108) },
    ],
    extra,
  });
}

describe('buildPytorchProject', () => {
  it('ships the sources, config.json, weights.pt, the filled-in README and the dataset files', () => {
    const sprite = { name: 'datasets/fashion-mnist.png', content: Uint8Array.of(1, 2, 3) };
    const project = buildPytorchProject(
      checkpoint({ dataset: { kind: 'builtin', name: 'fashion-mnist' } }),
      SOURCES,
      [sprite],
    );
    expect(project.name).toBe('cpc-fashion-mnist-step7-pytorch');
    expect(project.step).toBe(7);
    const files = new Map(project.files.map((f) => [f.name, f.content]));
    expect([...files.keys()]).toEqual([
      'cpc.py',
      'images.py',
      'train.py',
      'config.json',
      'weights.pt',
      'extra.json',
      'README.md',
      'datasets/fashion-mnist.png',
    ]);
    expect(files.get('cpc.py')).toBe(SOURCES['cpc.py']);
    expect(JSON.parse(files.get('config.json') as string)).toEqual(config);
    expect(JSON.parse(files.get('extra.json') as string)).toEqual({
      dataset: { kind: 'builtin', name: 'fashion-mnist' },
    });
    expect(files.get('README.md')).toMatch(
      /^From step 7 of \d{4}-\d\d-\d\dT.*: python3 train.py --data fashion-mnist\n$/,
    );
    expect(files.get('datasets/fashion-mnist.png')).toBe(sprite.content);
    const weights = readZipRecords(files.get('weights.pt') as Uint8Array);
    expect([...weights.keys()]).toEqual([
      'archive/data.pkl',
      'archive/data/0',
      'archive/data/1',
      'archive/data/2',
      'archive/version',
      'archive/byteorder',
    ]);
    const pickle = strFromU8(weights.get('archive/data.pkl') as Uint8Array, true);
    for (const text of ['cpc-playground-weights', 'encoder/conv0/w', 'optimizer', '_rebuild_tensor_v2'])
      expect(pickle).toContain(text);
    expect(pickle).not.toContain('optimizer/m/'); // moments are keyed by the parameter's own name
  });

  it('zips the project into a folder named after it', () => {
    const project = buildPytorchProject(checkpoint({ data: 'textures' }), SOURCES);
    const unzipped = unzipSync(pytorchProjectZip(project));
    expect(Object.keys(unzipped).sort()).toEqual(
      ['README.md', 'config.json', 'cpc.py', 'extra.json', 'images.py', 'train.py', 'weights.pt'].map(
        (name) => `cpc-textures-step7-pytorch/${name}`,
      ),
    );
    const weights = project.files.find((f) => f.name === 'weights.pt')?.content;
    expect(unzipped['cpc-textures-step7-pytorch/weights.pt']).toEqual(weights);
  });

  it('refuses to build without cpc.py, train.py or the README', () => {
    const { 'train.py': _train, ...noTrain } = SOURCES;
    expect(() => buildPytorchProject(checkpoint({}), noTrain)).toThrow(/missing train.py/);
  });

  it('refuses a README placeholder it cannot fill, and a file that is not a checkpoint', () => {
    const sources = { ...SOURCES, 'README.md': 'Run {{command}}' };
    expect(() => buildPytorchProject(checkpoint({}), sources)).toThrow(/unknown placeholder \{\{command\}\}/);
    expect(() => buildPytorchProject(Uint8Array.of(1, 2, 3), SOURCES)).toThrow(CheckpointError);
  });
});

describe('dataArgument', () => {
  it.each([
    [{ dataset: { kind: 'builtin', name: 'mnist' } }, 'mnist', 'mnist'],
    [{ dataset: { kind: 'synthetic', count: 2000 } }, 'path/to/images', 'synthetic'],
    [{ data: 'textures' }, 'path/to/images', 'textures'],
    [{ dataset: { kind: 'images', name: 'My Pets!', storedImagesId: null } }, 'path/to/my-pets', 'My Pets!'],
    [{ data: '/home/me/photos/' }, '/home/me/photos/', 'photos'],
    [{ data: 'fashion-mnist' }, 'fashion-mnist', 'fashion-mnist'],
    [{}, 'path/to/images', 'run'],
  ])('%j → --data %s', (extra, argument, slug) => {
    expect(dataArgument(extra)).toEqual({ argument, slug });
  });
});

describe('isShippedSource', () => {
  it.each([
    ['cpc.py', true],
    ['requirements.txt', true],
    ['README.md', true],
    ['test_cpc.py', false],
    ['cpc_test.py', false],
    ['cpc.pyc', false],
    ['.hidden.py', false],
  ])('%s: %s', (name, shipped) => expect(isShippedSource(name)).toBe(shipped));
});
