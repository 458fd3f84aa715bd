import * as tf from '@tensorflow/tfjs';
import type { CheckpointInput } from './format';

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

/** Assigns checkpoint values to variables by name; every variable must be present with its shape. */
export function assignVariables(
  vars: { name: string; variable: tf.Variable }[],
  tensors: Map<string, Float32Array>,
): void {
  for (const { name, variable } of vars) {
    const values = tensors.get(name);
    if (!values)
      throw new Error(`The checkpoint has no tensor '${name}': it was saved from a different model.`);
    if (values.length !== variable.size)
      throw new Error(`Tensor '${name}' has ${values.length} values, the model expects ${variable.size}.`);
  }
  for (const { name, variable } of vars) {
    tf.tidy(() => variable.assign(tf.tensor(tensors.get(name) as Float32Array, variable.shape)));
  }
}
