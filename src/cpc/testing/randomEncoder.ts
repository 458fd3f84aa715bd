import * as tf from '@tensorflow/tfjs';
import type { CpcConfig } from '../config';
import { CpcModel } from '../model/cpcModel';
import { createRng, type Rng } from '../random';

/**
 * A CPC model whose encoder parameters all hold random, non-trivial values (fresh norm gains are 1,
 * biases and running means 0, running variances 1), so a swapped or missing weight in an export shows.
 */
export function modelWithRandomEncoder(config: CpcConfig, seed: number): CpcModel {
  const model = new CpcModel(config);
  const rng = createRng(seed);
  for (const { name, variable } of model.params.all()) {
    if (!name.startsWith('encoder/')) continue;
    const values = Float32Array.from({ length: variable.size }, () =>
      // Small running variances make a wrong epsilon visible; variances must stay positive.
      name.endsWith('/bn_var') ? rng.uniform(0.05, 1.5) : randomValue(name, rng),
    );
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
  }
  return model;
}

function randomValue(name: string, rng: Rng): number {
  if (name.endsWith('_gain')) return rng.uniform(0.5, 1.5);
  if (name.endsWith('/w')) return rng.normal() * 0.4;
  return rng.uniform(-0.3, 0.3); // biases, running means
}

/** Uniform patches in [0, 1]: [n, P, P, C]. */
export function randomPatches(config: CpcConfig, n: number, seed: number): tf.Tensor4D {
  const rng = createRng(seed);
  const { patchSize: p, channels: c } = config;
  return tf.tensor4d(Float32Array.from({ length: n * p * p * c }, rng.next), [n, p, p, c]);
}
