import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff, useCpuBackend } from '../testing/tfTest';
import { binaryNceLoss, infoNceLoss, positiveWins } from './contrastive';

useCpuBackend();

// Inputs and expected values from reference/reference_losses.py (float64, standard library only).
const SCORES = [
  [2.0, 1.0, 0.0, -1.5],
  [0.5, 0.5, 3.0, 0.25],
  [-2.0, -3.0, -1.0, 4.0],
];
const CODE_SIZE = 2;
const INFO_NCE = [0.4274953882, 2.7054665158, 6.0100776308];
const BINARY_NCE = [0.4989800389, 0.8354616655, 1.123700556];
const WINS = [1, 0, 0];

describe('contrastive losses against reference values', () => {
  it('InfoNCE', async () => {
    const loss = tf.tidy(() => infoNceLoss(tf.tensor2d(SCORES)));
    expect(maxAbsDiff(await loss.data(), INFO_NCE)).toBeLessThan(1e-5);
    loss.dispose();
  });

  it('sigmoid + binary cross-entropy (Keras CPC)', async () => {
    const loss = tf.tidy(() => binaryNceLoss(tf.tensor2d(SCORES), CODE_SIZE));
    expect(maxAbsDiff(await loss.data(), BINARY_NCE)).toBeLessThan(1e-5);
    loss.dispose();
  });

  it('CPC accuracy: the positive must strictly beat every negative (a tie is a miss)', async () => {
    const wins = tf.tidy(() => positiveWins(tf.tensor2d([...SCORES, [1, 1, 0, 0]])));
    expect(Array.from(await wins.data())).toEqual([...WINS, 0]);
    wins.dispose();
  });

  it('at chance, InfoNCE is log(1 + N) and BCE is log 2', async () => {
    const zeros = tf.zeros([5, 16]) as tf.Tensor2D;
    const [nce, bce] = tf.tidy(() => [infoNceLoss(zeros), binaryNceLoss(zeros, 8)]);
    for (const v of await nce.data()) expect(v).toBeCloseTo(Math.log(16), 6);
    for (const v of await bce.data()) expect(v).toBeCloseTo(Math.log(2), 6);
    tf.dispose([zeros, nce, bce]);
  });

  it('stays finite for huge scores (log-softmax, softplus)', async () => {
    const big = tf.tensor2d([[1e4, -1e4, 5e3]]);
    const [nce, bce] = tf.tidy(() => [infoNceLoss(big), binaryNceLoss(big, 1)]);
    expect(Number.isFinite((await nce.data())[0])).toBe(true);
    expect(Number.isFinite((await bce.data())[0])).toBe(true);
    tf.dispose([big, nce, bce]);
  });
});

describe('InfoNCE’s written-out gradient', () => {
  it('is autodiff’s through tf.logSoftmax, under unequal weights per prediction', async () => {
    const weights = tf.tensor1d([0.5, -2, 3]);
    const reference = (s: tf.Tensor2D) =>
      tf.neg(tf.reshape(tf.slice(tf.logSoftmax(s, 1), [0, 0], [-1, 1]), [-1])) as tf.Tensor1D;
    const x = tf.tensor2d(SCORES);
    const before = tf.memory().numTensors;
    const grad = (f: (s: tf.Tensor2D) => tf.Tensor1D) =>
      tf.tidy(() => tf.grad((s: tf.Tensor) => tf.sum(tf.mul(f(s as tf.Tensor2D), weights)))(x));
    const [ours, theirs] = [grad(infoNceLoss), grad(reference)];
    expect(maxAbsDiff(await ours.data(), await theirs.data())).toBeLessThan(1e-6);
    tf.dispose([ours, theirs]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, weights]);
  });
});

describe('finite-difference gradient check', () => {
  const cases: [string, (s: tf.Tensor2D) => tf.Tensor1D][] = [
    ['InfoNCE', infoNceLoss],
    ['binary NCE', (s) => binaryNceLoss(s, CODE_SIZE)],
  ];
  for (const [name, lossFn] of cases) {
    it(name, async () => {
      const total = (s: tf.Tensor2D) => tf.sum(lossFn(s)) as tf.Scalar;
      const x = tf.tensor2d(SCORES);
      const analytic = await tf.tidy(() => tf.grad((s: tf.Tensor) => total(s as tf.Tensor2D))(x)).data();
      const flat = SCORES.flat();
      const h = 1e-2;
      const numeric = await Promise.all(
        flat.map(async (_, i) => {
          const plus = flat.slice();
          const minus = flat.slice();
          plus[i] += h;
          minus[i] -= h;
          const f = (values: number[]) => tf.tidy(() => total(tf.tensor2d(values, [3, 4])));
          const [fp, fm] = [f(plus), f(minus)];
          const d = ((await fp.data())[0] - (await fm.data())[0]) / (2 * h);
          tf.dispose([fp, fm]);
          return d;
        }),
      );
      // float32 central differences with h = 1e-2: truncation ~h², rounding ~1e-7/h.
      expect(maxAbsDiff(analytic, numeric)).toBeLessThan(2e-3);
      x.dispose();
    });
  }
});
