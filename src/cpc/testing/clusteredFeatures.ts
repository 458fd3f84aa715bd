import { createRng } from '../random';
import type { LabelledFeatures } from '../eval/featureRows';

/**
 * Test data: `perClass` points around each of `numClasses` centres placed `separation` along distinct
 * axes of a `dim`-dimensional space, with Gaussian noise of std `noise`. Labels cycle 0,1,…,C−1,0,1,…
 */
export function clusteredFeatures(
  numClasses: number,
  perClass: number,
  dim: number,
  seed: number,
  separation = 5,
  noise = 0.5,
): LabelledFeatures & { features: Float32Array } {
  const rng = createRng(seed);
  const count = numClasses * perClass;
  const features = new Float32Array(count * dim);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % numClasses;
    for (let d = 0; d < dim; d++) {
      features[i * dim + d] = (d === labels[i] ? separation : 0) + noise * rng.normal();
    }
  }
  return { features, labels };
}
