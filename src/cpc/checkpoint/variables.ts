import * as tf from '@tensorflow/tfjs';
import type { Checkpoint, CheckpointInput } from './format';

/**
 * One named tensor of a checkpoint: a whole variable, or a piece of a larger buffer (the optimizer keeps
 * its moments flat but saves them per weight).
 */
export interface StateEntry {
  name: string;
  shape: number[];
  /** Its values, read back from the device (off the hot loop). */
  read(): Promise<Float32Array>;
  /** Replaces its values; `values` has the entry's size. */
  write(values: Float32Array): void;
}

/** A variable as a checkpoint entry under `name`. */
export function variableEntry(name: string, variable: tf.Variable): StateEntry {
  return {
    name,
    shape: variable.shape,
    read: async () => (await variable.data()) as Float32Array,
    write: (values) => tf.tidy(() => variable.assign(tf.tensor(values, variable.shape))),
  };
}

/** Reads every entry's values. */
export async function readVariables(entries: StateEntry[]): Promise<CheckpointInput['tensors']> {
  return Promise.all(entries.map(async ({ name, shape, read }) => ({ name, shape, values: await read() })));
}

/**
 * Assigns checkpoint values to entries by name; every entry must be present with its shape. All are
 * checked before any is assigned, so a checkpoint that does not fit leaves the variables as they were.
 */
export function assignVariables(entries: StateEntry[], { manifest, tensors }: Checkpoint): void {
  const shapes = new Map(manifest.tensors.map((t) => [t.name, t.shape]));
  for (const { name, shape: expected } of entries) {
    const values = tensors.get(name);
    const size = expected.reduce((a, b) => a * b, 1);
    if (!values)
      throw new Error(`The checkpoint has no tensor '${name}': it was saved from a different model.`);
    if (values.length !== size)
      throw new Error(`Tensor '${name}' has ${values.length} values, the model expects ${size}.`);
    const shape = shapes.get(name) ?? [];
    if (shape.join() !== expected.join())
      throw new Error(`Tensor '${name}' has shape [${shape}], the model expects [${expected}].`);
  }
  for (const entry of entries) entry.write(tensors.get(entry.name) as Float32Array);
}
