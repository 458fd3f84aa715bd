import { parseConfig, type CpcConfig } from '../config';
import type { CheckpointLimits } from './limits';

export const CHECKPOINT_FORMAT = 'cpc-playground-checkpoint';
export const CHECKPOINT_VERSION = 1;

/** Every way a checkpoint file can be refused; the message is a sentence for the page. */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

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

/** A tensor has at most this many axes (the model's largest are 4-D conv kernels). */
const MAX_RANK = 8;

/**
 * Checks a parsed checkpoint.json against the size of tensors.bin (in float32 values) and rebuilds it
 * field by field, so nothing unchecked passes through.
 */
export function validateManifest(raw: unknown, floats: number, limits: CheckpointLimits): CheckpointManifest {
  if (!isRecord(raw) || raw.format !== CHECKPOINT_FORMAT)
    throw new CheckpointError('Not a CPC Playground checkpoint: its checkpoint.json names another format.');
  checkVersion(raw.version);
  const step = raw.step;
  if (!isCount(step)) throw corrupt('its step is not a whole number');
  const { config, issues } = parseConfig(raw.config);
  if (issues.length > 0)
    throw corrupt(`its config has ${issues.map((i) => `${i.key} (${i.reason})`).join(', ')}`);
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    config,
    step,
    createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : '',
    tensors: validateTensorTable(raw.tensors, floats, limits.maxTensors),
    extra: isRecord(raw.extra) ? raw.extra : {},
    ...(raw.streams === undefined ? {} : { streams: raw.streams }),
  };
}

function checkVersion(version: unknown): void {
  if (version === CHECKPOINT_VERSION) return;
  if (typeof version === 'number' && Number.isInteger(version) && version > CHECKPOINT_VERSION)
    throw new CheckpointError(
      `It was saved by a newer CPC Playground (checkpoint format ${version}; this page reads format ` +
        `${CHECKPOINT_VERSION}). Reload the page to get the newer version.`,
    );
  throw corrupt(`its format version ${JSON.stringify(version) ?? 'is missing'} is not one this page reads`);
}

function validateTensorTable(table: unknown, floats: number, maxTensors: number): TensorEntry[] {
  if (!Array.isArray(table)) throw corrupt('its tensor table is missing');
  if (table.length > maxTensors)
    throw corrupt(`its tensor table has ${table.length} rows, over the limit of ${maxTensors}`);
  const names = new Set<string>();
  return table.map((row: unknown, i) => {
    const entry = validateTensorEntry(row, i, floats);
    if (names.has(entry.name)) throw corrupt(`it lists tensor "${entry.name}" twice`);
    names.add(entry.name);
    return entry;
  });
}

function validateTensorEntry(row: unknown, index: number, floats: number): TensorEntry {
  if (!isRecord(row) || typeof row.name !== 'string' || row.name === '')
    throw corrupt(`row ${index} of its tensor table has no name`);
  const { name, shape, offset, length } = row;
  const label = `tensor "${name.slice(0, 80)}"`;
  if (!Array.isArray(shape) || shape.length > MAX_RANK || !shape.every(isCount))
    throw corrupt(`${label} has no valid shape`);
  if (!isCount(offset) || !isCount(length)) throw corrupt(`${label} has no valid offset and length`);
  if (offset + length > floats)
    throw corrupt(
      `${label} runs past the end of tensors.bin (values ${offset}–${offset + length}, ${floats} there)`,
    );
  // Multiplied one axis at a time against the data's size, so a lying shape cannot overflow; `length` is
  // already known to fit the data.
  let values = 1;
  for (const side of shape as number[]) values = Math.min(values * side, floats + 1);
  if (values !== length) throw corrupt(`${label} has shape [${shape.join(', ')}] but ${length} values`);
  return { name, shape: [...(shape as number[])], offset, length };
}

function corrupt(reason: string): CheckpointError {
  return new CheckpointError(`Corrupt checkpoint: ${reason}.`);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
