import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import { decodeCheckpoint, encodeCheckpoint, readCheckpointManifest } from './format';

describe('checkpoint files', () => {
  it('rejects corrupt and foreign files with a reason', () => {
    const good = encodeCheckpoint({
      config: DEFAULT_CONFIG,
      step: 1,
      tensors: [{ name: 'w', shape: [2], values: Float32Array.of(1, 2) }],
    });
    expect(decodeCheckpoint(good).tensors.get('w')).toEqual(Float32Array.of(1, 2));
    expect(() => decodeCheckpoint(strToU8('hello'))).toThrow(/not a zip/);
    expect(() => decodeCheckpoint(good.slice(0, good.length - 30))).toThrow(/not a zip/);
    expect(() => decodeCheckpoint(zipSync({ 'a.txt': strToU8('x') }))).toThrow(/missing/);
    const foreign = zipSync({
      'checkpoint.json': strToU8('{"format":"other"}'),
      'tensors.bin': new Uint8Array(8),
    });
    expect(() => decodeCheckpoint(foreign)).toThrow(/unknown format/);
    const badConfig = {
      format: 'cpc-playground-checkpoint',
      version: 1,
      step: 0,
      config: { context: 'transformer' },
      tensors: [],
    };
    const bad = zipSync({
      'checkpoint.json': strToU8(JSON.stringify(badConfig)),
      'tensors.bin': new Uint8Array(0),
    });
    expect(() => decodeCheckpoint(bad)).toThrow(/context/);
    const overflow = { ...badConfig, config: {}, tensors: [{ name: 'w', shape: [4], offset: 0, length: 4 }] };
    const short = zipSync({
      'checkpoint.json': strToU8(JSON.stringify(overflow)),
      'tensors.bin': new Uint8Array(8),
    });
    expect(() => decodeCheckpoint(short)).toThrow(/does not match/);
    expect(() => readCheckpointManifest(short)).toThrow(/does not match/);
  });

  it('reads the manifest alone, checked against the size of the tensor data', () => {
    const bytes = encodeCheckpoint({
      config: { ...DEFAULT_CONFIG, seed: 7 },
      step: 12,
      tensors: [{ name: 'w', shape: [2, 2], values: Float32Array.of(1, 2, 3, 4) }],
      extra: { name: 'run' },
    });
    const manifest = readCheckpointManifest(bytes);
    expect(manifest.step).toBe(12);
    expect(manifest.config.seed).toBe(7);
    expect(manifest.extra).toEqual({ name: 'run' });
    expect(manifest.tensors).toEqual([{ name: 'w', shape: [2, 2], offset: 0, length: 4 }]);
    expect(() => readCheckpointManifest(strToU8('PK not really'))).toThrow(/not a zip/);
  });
});
