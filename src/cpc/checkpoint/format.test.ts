import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import { withCentralField } from '../testing/zipSurgery';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, readCheckpointManifest } from './format';

const good = encodeCheckpoint({
  config: DEFAULT_CONFIG,
  step: 1,
  tensors: [{ name: 'w', shape: [2], values: Float32Array.of(1, 2) }],
});

/** A checkpoint zip with this manifest (fields over a valid one) and `floats` values of data. */
function withManifest(change: Record<string, unknown>, floats = 2): Uint8Array {
  const manifest = {
    format: 'cpc-playground-checkpoint',
    version: 1,
    step: 0,
    config: {},
    tensors: [{ name: 'w', shape: [2], offset: 0, length: 2 }],
    ...change,
  };
  return zipSync({
    'checkpoint.json': strToU8(JSON.stringify(manifest)),
    'tensors.bin': new Uint8Array(floats * 4),
  });
}

/** The message both readers refuse `bytes` with; they must agree and throw nothing but CheckpointError. */
function refusal(bytes: Uint8Array): string {
  const messages = [decodeCheckpoint, readCheckpointManifest].map((read) => {
    try {
      read(bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(CheckpointError);
      return (error as Error).message;
    }
    return 'accepted';
  });
  expect(messages[1]).toBe(messages[0]);
  return messages[0];
}

describe('checkpoint files', () => {
  it('round-trip, and the manifest reads alone', () => {
    expect(decodeCheckpoint(good).tensors.get('w')).toEqual(Float32Array.of(1, 2));
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
  });

  it('refuse a file that is no zip, a truncated one and a zip of something else', () => {
    expect(refusal(strToU8('hello'))).toBe('Not a readable checkpoint: it is not a zip archive.');
    expect(refusal(good.slice(0, good.length - 30))).toBe(
      'Not a readable checkpoint: it starts like a zip archive but ends before its directory (a cut-off download?).',
    );
    expect(refusal(zipSync({ 'a.txt': strToU8('x') }))).toBe(
      'Not a CPC Playground checkpoint: it has no checkpoint.json and tensors.bin.',
    );
    expect(refusal(withManifest({ format: 'other' }))).toBe(
      'Not a CPC Playground checkpoint: its checkpoint.json names another format.',
    );
  });

  it('refuse a checkpoint from a newer version, saying so', () => {
    expect(refusal(withManifest({ version: 2 }))).toBe(
      'It was saved by a newer CPC Playground (checkpoint format 2; this page reads format 1). ' +
        'Reload the page to get the newer version.',
    );
    expect(refusal(withManifest({ version: '1' }))).toBe(
      'Corrupt checkpoint: its format version "1" is not one this page reads.',
    );
  });

  it('refuse a manifest that lies about sizes or shapes', () => {
    const table = (row: Record<string, unknown>) => withManifest({ tensors: [row] });
    expect(refusal(table({ name: 'w', shape: [4], offset: 0, length: 4 }))).toBe(
      'Corrupt checkpoint: tensor "w" runs past the end of tensors.bin (values 0–4, 2 there).',
    );
    expect(refusal(table({ name: 'w', shape: [3], offset: 0, length: 2 }))).toBe(
      'Corrupt checkpoint: tensor "w" has shape [3] but 2 values.',
    );
    expect(refusal(table({ name: 'w', shape: ['2'], offset: 0, length: 2 }))).toBe(
      'Corrupt checkpoint: tensor "w" has no valid shape.',
    );
    expect(refusal(table({ name: 'w', shape: [2 ** 40, 2 ** 40, 0.5], offset: 0, length: 2 }))).toBe(
      'Corrupt checkpoint: tensor "w" has no valid shape.',
    );
    expect(refusal(table({ name: 'w', shape: [2], offset: -1, length: 2 }))).toBe(
      'Corrupt checkpoint: tensor "w" has no valid offset and length.',
    );
    const twice = { name: 'w', shape: [1], offset: 0, length: 1 };
    expect(refusal(withManifest({ tensors: [twice, twice] }))).toBe(
      'Corrupt checkpoint: it lists tensor "w" twice.',
    );
    expect(refusal(withManifest({ config: { context: 'transformer' } }))).toBe(
      'Corrupt checkpoint: its config has context (expected one of gru, lstm, masked-conv).',
    );
  });

  it('refuse zip bombs: declared too large before inflating, or inflating past what they declare', () => {
    const declared = withCentralField(good, 'checkpoint.json', 'size', 1.5 * 2 ** 30);
    expect(refusal(declared)).toBe(
      'Not a readable checkpoint: its checkpoint.json would inflate to 1.5 GiB, over the limit of 64 MiB.',
    );
    const bomb = zipSync({ 'checkpoint.json': new Uint8Array(8 << 20), 'tensors.bin': new Uint8Array(8) });
    expect(refusal(withCentralField(bomb, 'checkpoint.json', 'size', 1000))).toBe(
      'Not a readable checkpoint: "checkpoint.json" inflates to more than the 1000 bytes its header declares.',
    );
    const bigData = withCentralField(good, 'tensors.bin', 'size', 2 ** 31);
    expect(refusal(bigData)).toBe(
      'Not a readable checkpoint: its tensors.bin would inflate to 2 GiB, over the limit of 1 GiB.',
    );
  });
});
