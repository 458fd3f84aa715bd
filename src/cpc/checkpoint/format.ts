import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parseConfig, type CpcConfig } from '../config';

/**
 * One-file checkpoints: a zip holding `checkpoint.json` (format, config, step, tensor table, extra
 * JSON such as metrics history) and `tensors.bin` (little-endian float32, concatenated). The headless
 * runner writes them and the playground loads them; nothing in them is trusted on load.
 *
 * No tfjs here: the page reads a dropped file's manifest with this module, and the worker's variables
 * are read and written by `./variables`.
 */
export const CHECKPOINT_FORMAT = 'cpc-playground-checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface TensorEntry {
  name: string;
  shape: number[];
  /** Offset and length in float32 elements within tensors.bin. */
  offset: number;
  length: number;
}

export interface CheckpointManifest {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  config: CpcConfig;
  step: number;
  createdAt: string;
  tensors: TensorEntry[];
  /** Free-form JSON the writer wants back (metrics history, probe results, dataset name). */
  extra: Record<string, unknown>;
  /**
   * Where the run's random streams (batches, augmentation, negatives) stood, so a resumed run draws what
   * the original would have; the trainer validates it and falls back to fresh streams when it does not fit.
   */
  streams?: unknown;
}

export interface Checkpoint {
  manifest: CheckpointManifest;
  /** Tensor values by name. */
  tensors: Map<string, Float32Array>;
}

export interface CheckpointInput {
  config: CpcConfig;
  step: number;
  tensors: { name: string; values: Float32Array; shape: number[] }[];
  extra?: Record<string, unknown>;
  streams?: unknown;
}

export function encodeCheckpoint(input: CheckpointInput): Uint8Array {
  const total = input.tensors.reduce((n, t) => n + t.values.length, 0);
  const data = new Float32Array(total);
  const entries: TensorEntry[] = [];
  let offset = 0;
  for (const t of input.tensors) {
    data.set(t.values, offset);
    entries.push({ name: t.name, shape: t.shape, offset, length: t.values.length });
    offset += t.values.length;
  }
  const manifest: CheckpointManifest = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    config: input.config,
    step: input.step,
    createdAt: new Date().toISOString(),
    tensors: entries,
    extra: input.extra ?? {},
    ...(input.streams === undefined ? {} : { streams: input.streams }),
  };
  return zipSync({
    'checkpoint.json': strToU8(JSON.stringify(manifest)),
    'tensors.bin': [littleEndianBytes(data), { level: 1 }],
  });
}

/**
 * The manifest alone (config, step, extra), checked against the tensor data's size, without decoding the
 * tensors: cheap enough for the page to look at a dropped file before sending it to the worker.
 * Throws an Error that says what is wrong.
 */
export function readCheckpointManifest(bytes: Uint8Array): CheckpointManifest {
  return readFiles(bytes, false).manifest;
}

/** Parses and validates a checkpoint file; throws an Error that says what is wrong. */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const { manifest, data } = readFiles(bytes, true);
  const values = floatsFromLittleEndian(data as Uint8Array);
  const tensors = new Map<string, Float32Array>();
  for (const t of manifest.tensors) tensors.set(t.name, values.slice(t.offset, t.offset + t.length));
  return { manifest, tensors };
}

/** `withData` false: tensors.bin is not inflated, only its size is read from the zip directory. */
function readFiles(
  bytes: Uint8Array,
  withData: boolean,
): { manifest: CheckpointManifest; data: Uint8Array | null } {
  let files: Record<string, Uint8Array>;
  let dataBytes = -1;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (file.name === 'tensors.bin') dataBytes = file.originalSize;
        return file.name === 'checkpoint.json' || (withData && file.name === 'tensors.bin');
      },
    });
  } catch {
    throw new Error('Not a CPC Playground checkpoint: the file is not a zip archive.');
  }
  const manifestBytes = files['checkpoint.json'];
  if (!manifestBytes || dataBytes < 0)
    throw new Error('Not a CPC Playground checkpoint: checkpoint.json or tensors.bin is missing.');
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(manifestBytes));
  } catch {
    throw new Error('Corrupt checkpoint: checkpoint.json is not valid JSON.');
  }
  const data = withData ? files['tensors.bin'] : null;
  if (withData && data?.byteLength !== dataBytes)
    throw new Error('Corrupt checkpoint: tensors.bin is truncated.');
  return { manifest: validateManifest(raw, dataBytes / 4), data };
}

function validateManifest(raw: unknown, floats: number): CheckpointManifest {
  const m = raw as Partial<CheckpointManifest> | null;
  if (!m || typeof m !== 'object' || m.format !== CHECKPOINT_FORMAT)
    throw new Error('Not a CPC Playground checkpoint (unknown format).');
  if (m.version !== CHECKPOINT_VERSION)
    throw new Error(
      `Unsupported checkpoint version ${String(m.version)} (this app reads ${CHECKPOINT_VERSION}).`,
    );
  if (!Number.isInteger(m.step) || (m.step as number) < 0) throw new Error('Corrupt checkpoint: bad step.');
  const { config, issues } = parseConfig(m.config);
  if (issues.length > 0)
    throw new Error(
      `Corrupt checkpoint: config has ${issues.map((i) => `${i.key} (${i.reason})`).join(', ')}.`,
    );
  if (!Array.isArray(m.tensors)) throw new Error('Corrupt checkpoint: tensor table missing.');
  for (const t of m.tensors) {
    const size = Array.isArray(t?.shape) ? t.shape.reduce((a: number, b: number) => a * b, 1) : NaN;
    const ok =
      typeof t?.name === 'string' &&
      size === t.length &&
      Number.isInteger(t.offset) &&
      t.offset >= 0 &&
      t.offset + t.length <= floats;
    if (!ok) throw new Error(`Corrupt checkpoint: tensor ${String(t?.name)} does not match the data.`);
  }
  return {
    ...(m as CheckpointManifest),
    config,
    extra: m.extra && typeof m.extra === 'object' ? m.extra : {},
  };
}

/** Checkpoints are little-endian float32, which is what every platform tfjs runs on uses natively. */
function littleEndianBytes(data: Float32Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function floatsFromLittleEndian(bytes: Uint8Array): Float32Array {
  return new Float32Array(bytes.slice(0, bytes.byteLength - (bytes.byteLength % 4)).buffer);
}
