import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY } from '../store/metricsHistory';
import { checkpointFile, datasetSlug, embeddingFiles, encoderFiles, metricsFiles } from './exportFiles';

describe('datasetSlug', () => {
  it('names built-in, synthetic and imported sets safely', () => {
    expect(datasetSlug({ kind: 'builtin', name: 'fashion-mnist' })).toBe('fashion-mnist');
    expect(datasetSlug({ kind: 'synthetic', count: 10 })).toBe('synthetic');
    expect(datasetSlug({ kind: 'textures', count: 10 })).toBe('textures');
    const set = {
      pixels: new Uint8Array(0),
      count: 0,
      size: 8,
      channels: 1 as const,
      labels: null,
      classNames: [],
    };
    expect(datasetSlug({ kind: 'images', name: 'My Cats/2024 (raw)', set })).toBe('my-cats-2024-raw');
    expect(datasetSlug({ kind: 'images', name: '***', set })).toBe('images');
  });
});

describe('export files', () => {
  it('names the checkpoint after dataset and step', () => {
    const reply = {
      type: 'checkpoint' as const,
      requestId: 1,
      step: 120,
      bytes: new Uint8Array(3),
      saveMs: 5,
    };
    expect(checkpointFile(reply, { kind: 'builtin', name: 'mnist' }).name).toBe('cpc-mnist-step120.zip');
  });

  it("keeps model.json's weights file name", () => {
    const files = encoderFiles({
      type: 'encoder-export',
      requestId: 1,
      step: 2,
      modelJson: '{"format":"layers-model"}',
      weightsFileName: 'encoder.weights.bin',
      weights: new ArrayBuffer(8),
    });
    expect(files.map((f) => f.name)).toEqual(['model.json', 'encoder.weights.bin']);
  });

  it('writes N vector lines of D columns and N + 1 metadata lines', () => {
    const [vectors, metadata] = embeddingFiles({
      type: 'embeddings',
      requestId: 1,
      step: 4,
      dim: 2,
      vectors: new Float32Array([0.5, -1, 2, 0.25, 0, 1]),
      names: ['a.png', 'b.png', 'c.png'],
      labels: ['cat', 'dog', 'cat'],
      split: ['train', 'train', 'test'],
    });
    expect(vectors.content).toBe('0.5\t-1\n2\t0.25\n0\t1\n');
    expect(metadata.content).toBe(
      'name\tlabel\tsplit\na.png\tcat\ttrain\nb.png\tdog\ttrain\nc.png\tcat\ttest\n',
    );
  });

  it('refuses vectors that do not match the names, before anything is written', () => {
    const reply = {
      type: 'embeddings' as const,
      requestId: 1,
      step: 4,
      dim: 2,
      vectors: new Float32Array(5),
      names: ['a', 'b', 'c'],
      labels: null,
      split: ['train' as const, 'train' as const, 'test' as const],
    };
    expect(() => embeddingFiles(reply)).toThrow('5 values for 3 images of 2 dimensions');
  });

  it('names the metrics files after the last step', () => {
    const history = { ...EMPTY_HISTORY, buckets: [{ ...BUCKET, step: 40 }], ks: [2], totalRows: 1 };
    expect(metricsFiles(history, [], { kind: 'synthetic', count: 4 }).map((f) => f.name)).toEqual([
      'cpc-synthetic-step40-metrics.csv',
      'cpc-synthetic-step40-probes.csv',
    ]);
  });
});

const BUCKET = {
  step: 1,
  rows: 1,
  lossSum: 1,
  lossMin: 1,
  lossMax: 1,
  lossEma: 1,
  accuracySum: 0,
  accuracyPerKSum: [0],
  learningRate: 0,
};
