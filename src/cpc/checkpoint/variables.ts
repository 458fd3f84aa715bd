import * as tf from '@tensorflow/tfjs';
import type { Checkpoint, CheckpointInput } from './format';

/** Reads variables' values (await data(), off the hot loop). */
export async function readVariables(
  vars: { name: string; variable: tf.Variable }[],
): Promise<CheckpointInput['tensors']> {
  return Promise.all(
    vars.map(async ({ name, variable }) => ({
      name,
      shape: variable.shape,
      values: (await variable.data()) as Float32Array,
    })),
  );
}

/**
 * Assigns checkpoint values to variables by name; every variable must be present with its shape. All are
 * checked before any is assigned, so a checkpoint that does not fit leaves the variables as they were.
 */
export function assignVariables(
  vars: { name: string; variable: tf.Variable }[],
  { manifest, tensors }: Checkpoint,
): void {
  const shapes = new Map(manifest.tensors.map((t) => [t.name, t.shape]));
  for (const { name, variable } of vars) {
    const values = tensors.get(name);
    if (!values)
      throw new Error(`The checkpoint has no tensor '${name}': it was saved from a different model.`);
    if (values.length !== variable.size)
      throw new Error(`Tensor '${name}' has ${values.length} values, the model expects ${variable.size}.`);
    const shape = shapes.get(name) ?? [];
    if (shape.join() !== variable.shape.join())
      throw new Error(`Tensor '${name}' has shape [${shape}], the model expects [${variable.shape}].`);
  }
  for (const { name, variable } of vars) {
    tf.tidy(() => variable.assign(tf.tensor(tensors.get(name) as Float32Array, variable.shape)));
  }
}
