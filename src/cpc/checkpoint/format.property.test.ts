import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import type { ZipEntry } from '../archive/zipReader';
import { validConfig } from '../testing/configArbitrary';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint } from './format';
import type { CheckpointLimits } from './limits';

/** Every inflate the reader asks for, with the size it asked for: it must be within the limits. */
const inflated: number[] = [];
vi.mock('../archive/zipReader', async (importOriginal) => {
  const real = await importOriginal<typeof import('../archive/zipReader')>();
  return {
    ...real,
    inflateZipEntry: (bytes: Uint8Array, entry: ZipEntry, into?: Uint8Array) => {
      inflated.push(entry.size);
      return real.inflateZipEntry(bytes, entry, into);
    },
  };
});

/** Small limits, so that random inputs reach them. */
const LIMITS: CheckpointLimits = {
  maxFileBytes: 64 * 1024,
  maxManifestBytes: 4096,
  maxTensorBytes: 2048,
  maxTensors: 8,
  maxZipRecords: 4,
};

const tensor = fc.record({
  shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
  seed: fc.float({ noNaN: true }),
});
const checkpointBytes = fc
  .record({ config: validConfig, step: fc.nat(), tensors: fc.array(tensor, { maxLength: 5 }) })
  .map(({ config, step, tensors }) =>
    encodeCheckpoint({
      config,
      step,
      tensors: tensors.map(({ shape, seed }, i) => {
        const values = new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(seed);
        return { name: `t${i}`, shape, values };
      }),
    }),
  );

/** What a hostile or damaged file does to a good one: cut it, flip bytes, rewrite 32-bit fields. */
const damage = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('u32' as const), fromEnd: fc.nat(120), value: fc.nat() }),
  ),
  { minLength: 1, maxLength: 4 },
);

type Damage = typeof damage extends fc.Arbitrary<infer T> ? T : never;

function damaged(bytes: Uint8Array, changes: Damage): Uint8Array {
  let out = bytes.slice();
  for (const change of changes) {
    if (out.length === 0) break;
    if (change.kind === 'cut') out = out.slice(0, change.at % out.length);
    else if (change.kind === 'byte') out[change.at % out.length] = change.value;
    else {
      const at = Math.max(0, out.length - 4 - change.fromEnd);
      if (at + 4 <= out.length) new DataView(out.buffer).setUint32(at, change.value >>> 0, true);
    }
  }
  return out;
}

/** Reads `bytes`; the only error allowed is CheckpointError, and whatever is read fits the limits. */
function readWithin(bytes: Uint8Array): void {
  inflated.length = 0;
  try {
    const { manifest, tensors } = decodeCheckpoint(bytes, LIMITS);
    for (const t of manifest.tensors) {
      expect(tensors.get(t.name)?.length).toBe(t.shape.reduce((a, b) => a * b, 1));
    }
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
  }
  const [manifestBytes = 0, tensorBytes = 0] = inflated;
  expect(inflated.length).toBeLessThanOrEqual(2);
  expect(manifestBytes).toBeLessThanOrEqual(LIMITS.maxManifestBytes);
  expect(tensorBytes).toBeLessThanOrEqual(LIMITS.maxTensorBytes);
}

describe('the checkpoint reader, for any input', () => {
  it('reads what it wrote', () => {
    fc.assert(
      fc.property(checkpointBytes, (bytes) => {
        inflated.length = 0;
        expect(decodeCheckpoint(bytes).manifest.tensors.length).toBeLessThanOrEqual(5);
        expect(inflated).toHaveLength(2); // the mock sees the reader's inflates
      }),
      { numRuns: 50 },
    );
  });

  it('throws only CheckpointError and inflates only within its limits: random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), readWithin), { numRuns: 300 });
  });

  it('throws only CheckpointError and inflates only within its limits: damaged checkpoints', () => {
    fc.assert(
      fc.property(checkpointBytes, damage, (bytes, changes) => readWithin(damaged(bytes, changes))),
      {
        numRuns: 300,
      },
    );
  });

  it('throws only CheckpointError and inflates only within its limits: any manifest JSON', () => {
    const manifest = fc.oneof(
      fc.jsonValue(),
      fc.record({
        format: fc.constant('cpc-playground-checkpoint'),
        version: fc.oneof(fc.constant(1), fc.jsonValue()),
        step: fc.oneof(fc.nat(), fc.jsonValue()),
        config: fc.oneof(validConfig, fc.jsonValue()),
        tensors: fc.array(
          fc.record({
            name: fc.oneof(fc.constantFrom('a', 'b'), fc.jsonValue()),
            shape: fc.oneof(
              fc.array(fc.integer({ min: -2, max: 2 ** 40 }), { maxLength: 3 }),
              fc.jsonValue(),
            ),
            offset: fc.oneof(fc.integer({ min: -2, max: 600 }), fc.jsonValue()),
            length: fc.oneof(fc.integer({ min: -2, max: 600 }), fc.jsonValue()),
          }),
          { maxLength: 10 },
        ),
        extra: fc.jsonValue(),
      }),
    );
    fc.assert(
      fc.property(manifest, fc.nat(3000), (json, dataBytes) =>
        readWithin(
          zipSync({
            'checkpoint.json': strToU8(JSON.stringify(json) ?? ''),
            'tensors.bin': new Uint8Array(dataBytes),
          }),
        ),
      ),
      { numRuns: 300 },
    );
  });
});
