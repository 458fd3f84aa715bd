import { strFromU8, strToU8, zipSync } from 'fflate';
import { formatBytes, inflateZipEntry, listZip, ZipError, type ZipEntry } from '../archive/zipReader';
import type { CpcConfig } from '../config';
import { CHECKPOINT_LIMITS, type CheckpointLimits } from './limits';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  CheckpointError,
  validateManifest,
  type CheckpointManifest,
  type TensorEntry,
} from './manifest';

/**
 * One-file checkpoints: a zip holding `checkpoint.json` (format, config, step, tensor table, extra
 * JSON such as metrics history) and `tensors.bin` (little-endian float32, concatenated). The headless
 * runner writes them and the playground loads them; nothing in them is trusted on load: every failure is
 * a CheckpointError, and no file makes the reader allocate more than its limits (./limits.ts).
 *
 * No tfjs here: the page reads a dropped file's manifest with this module (in a worker), and the training
 * worker's variables are read and written by `./variables`.
 */
export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, CheckpointError };
export type { CheckpointManifest, TensorEntry };

export interface Checkpoint {
  manifest: CheckpointManifest;
  /** Tensor values by name (views into one buffer); their shapes are in the manifest. */
  tensors: Map<string, Float32Array>;
}

export interface CheckpointInput {
  config: CpcConfig;
  step: number;
  tensors: { name: string; values: Float32Array; shape: number[] }[];
  extra?: Record<string, unknown>;
  streams?: unknown;
}

/** The two files every checkpoint zip holds; a dropped .zip that lists both is taken for a checkpoint. */
export const MANIFEST_FILE = 'checkpoint.json';
export const TENSORS_FILE = 'tensors.bin';

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
    [MANIFEST_FILE]: strToU8(JSON.stringify(manifest)),
    [TENSORS_FILE]: [littleEndianBytes(data), { level: 1 }],
  });
}

/**
 * The manifest alone (config, step, extra), checked against the size tensors.bin declares, without
 * inflating the tensors: what the page looks at before sending a dropped file to the training worker.
 */
export function readCheckpointManifest(
  bytes: Uint8Array,
  limits: CheckpointLimits = CHECKPOINT_LIMITS,
): CheckpointManifest {
  return readManifest(bytes, limits).manifest;
}

/** Parses and validates a whole checkpoint file; throws a CheckpointError that says what is wrong. */
export function decodeCheckpoint(
  bytes: Uint8Array,
  limits: CheckpointLimits = CHECKPOINT_LIMITS,
): Checkpoint {
  const { manifest, tensorsEntry } = readManifest(bytes, limits);
  const data = zipStep(() => inflateZipEntry(bytes, tensorsEntry));
  const values = new Float32Array(data.buffer, data.byteOffset, data.byteLength / 4);
  const tensors = new Map<string, Float32Array>();
  for (const t of manifest.tensors) tensors.set(t.name, values.subarray(t.offset, t.offset + t.length));
  return { manifest, tensors };
}

/** What the page learns about a checkpoint file before it reaches the training worker. */
export type CheckpointFileCheck =
  { ok: true; bytes: Uint8Array; manifest: CheckpointManifest } | { ok: false; message: string };

/** The manifest of a file, or why it is refused; run off the main thread (the page's archive worker). */
export function checkCheckpointFile(
  bytes: Uint8Array,
  limits: CheckpointLimits = CHECKPOINT_LIMITS,
): CheckpointFileCheck {
  try {
    return { ok: true, bytes, manifest: readCheckpointManifest(bytes, limits) };
  } catch (error) {
    if (error instanceof CheckpointError) return { ok: false, message: error.message };
    throw error;
  }
}

/** Why a file of this many bytes is refused unread, or null. */
export function checkpointSizeProblem(
  bytes: number,
  limits: CheckpointLimits = CHECKPOINT_LIMITS,
): string | null {
  return bytes > limits.maxFileBytes
    ? `The file is ${formatBytes(bytes)}, over the ${formatBytes(limits.maxFileBytes)} a checkpoint may have.`
    : null;
}

function readManifest(
  bytes: Uint8Array,
  limits: CheckpointLimits,
): { manifest: CheckpointManifest; tensorsEntry: ZipEntry } {
  const tooLarge = checkpointSizeProblem(bytes.length, limits);
  if (tooLarge) throw new CheckpointError(tooLarge);
  const entries = zipStep(() =>
    listZip(bytes, (name) => name === MANIFEST_FILE || name === TENSORS_FILE, {
      maxRecords: limits.maxZipRecords,
      maxFiles: 2,
      // Each of the two has its own limit, checked below against the declared sizes, before inflating.
      maxFileBytes: Number.MAX_SAFE_INTEGER,
      maxTotalBytes: Number.MAX_SAFE_INTEGER,
    }),
  );
  const manifestEntry = entries.find((e) => e.name === MANIFEST_FILE);
  const tensorsEntry = entries.find((e) => e.name === TENSORS_FILE);
  if (!manifestEntry || !tensorsEntry)
    throw new CheckpointError(
      `Not a CPC Playground checkpoint: it has no ${MANIFEST_FILE} and ${TENSORS_FILE}.`,
    );
  checkSize(manifestEntry, limits.maxManifestBytes);
  checkSize(tensorsEntry, limits.maxTensorBytes);
  if (tensorsEntry.size % 4 !== 0)
    throw new CheckpointError(`Corrupt checkpoint: ${TENSORS_FILE} is not a whole number of float32 values.`);
  const text = strFromU8(zipStep(() => inflateZipEntry(bytes, manifestEntry)));
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CheckpointError(`Corrupt checkpoint: ${MANIFEST_FILE} is not valid JSON.`);
  }
  return { manifest: validateManifest(raw, tensorsEntry.size / 4, limits), tensorsEntry };
}

function checkSize(entry: ZipEntry, limit: number): void {
  if (entry.size > limit)
    throw new CheckpointError(
      `Not a readable checkpoint: its ${entry.name} would inflate to ${formatBytes(entry.size)}, over the limit of ${formatBytes(limit)}.`,
    );
}

/** Runs a zip step, turning its ZipError into the checkpoint's own error. */
function zipStep<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ZipError) throw new CheckpointError(`Not a readable checkpoint: ${error.message}.`);
    throw error;
  }
}

/** Checkpoints are little-endian float32, which is what every platform tfjs runs on uses natively. */
function littleEndianBytes(data: Float32Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
