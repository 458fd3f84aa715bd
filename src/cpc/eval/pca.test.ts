import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pca2d } from './pca';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Rows c + a·u + b·v for each (a, b). */
function pointsOnPlane(c: number[], u: number[], v: number[], coords: [number, number][]): Float32Array {
  return Float32Array.from(coords.flatMap(([a, b]) => c.map((ci, i) => ci + a * u[i] + b * v[i])));
}

function expectClose(actual: ArrayLike<number>, expected: number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expect(Math.abs(actual[i] - value)).toBeLessThan(tolerance));
}

describe('pca2d', () => {
  it('recovers the coordinates of points on a plane, with the variance ratios by hand', async () => {
    // Orthonormal u, v whose largest entries (0.8) are positive, so the sign rule keeps them as they are.
    const u = [0.6, 0.8, 0];
    const v = [-0.48, 0.36, 0.8];
    const coords: [number, number][] = [-3, -1, 1, 3].flatMap((a) =>
      [-1, 1].map((b): [number, number] => [a, b]),
    );
    const { points, explainedVariance } = await pca2d(pointsOnPlane([1, 2, 3], u, v, coords), 3);
    expectClose(points, coords.flat(), 1e-4);
    // Σa² = 40 and Σb² = 8 over the 8 centred points, and nothing off the plane: 40/48 and 8/48.
    expectClose(explainedVariance, [5 / 6, 1 / 6], 1e-5);
  });

  it('recovers the direction of points on a line', async () => {
    const direction = [1, 2, 3, 4, 5].map((x) => x / Math.sqrt(55));
    const ts = [-2, -1, 0, 1, 2, 6];
    const { points, explainedVariance } = await pca2d(
      pointsOnPlane(
        [3, -1, 0, 2, 7],
        direction,
        [0, 0, 0, 0, 0],
        ts.map((t) => [t, 0]),
      ),
      5,
    );
    // With points c + t·d, the first coordinate is t − mean(t) = t − 1; its sign follows d's largest entry.
    ts.forEach((t, i) => expect(Math.abs(points[2 * i] - (t - 1))).toBeLessThan(1e-4));
    ts.forEach((_, i) => expect(Math.abs(points[2 * i + 1])).toBeLessThan(1e-4));
    expectClose(explainedVariance, [1, 0], 1e-5);
  });

  it('recovers a principal direction of a noisy elongated cloud (abs cosine > 0.999)', async () => {
    const direction = [2, -1, 2, 0].map((x) => x / 3);
    const across = [1, 2, 0, 0].map((x) => x / Math.sqrt(5));
    // A deterministic cloud: 8 units along the direction, 0.3 across it.
    const coords = Array.from({ length: 40 }, (_, i): [number, number] => [
      8 * Math.sin(i * 1.3),
      0.3 * Math.cos(i * 2.1),
    ]);
    const features = pointsOnPlane([1, 1, 1, 1], direction, across, coords);
    const { points } = await pca2d(features, 4);
    // The first coordinate must equal the projection on the true direction up to sign: |cos| of the two series.
    const truth = coords.map(([a]) => a - coords.reduce((s, [x]) => s + x, 0) / coords.length);
    const first = truth.map((_, i) => points[2 * i]);
    const dot = truth.reduce((s, x, i) => s + x * first[i], 0);
    const cosine =
      dot / Math.sqrt(truth.reduce((s, x) => s + x * x, 0) * first.reduce((s, x) => s + x * x, 0));
    expect(Math.abs(cosine)).toBeGreaterThan(0.999);
  });

  it('gives zero points and ratios for identical points', async () => {
    const features = Float32Array.from([1, 2, 3, 1, 2, 3]);
    const first = await pca2d(features, 3);
    expect([...first.points]).toEqual([0, 0, 0, 0]);
    expect(first.explainedVariance).toEqual([0, 0]);
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await pca2d(Float32Array.from([1, 0, 0, 1, 2, 2]), 2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
