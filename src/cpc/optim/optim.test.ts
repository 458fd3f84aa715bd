import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import { ParamStore } from '../nn/params';
import { createRng } from '../random';
import { maxAbsDiff, useCpuBackend } from '../testing/tfTest';
import { ADAM_EPSILON, AdamW } from './adamw';
import { learningRateAt } from './schedule';

useCpuBackend();

describe('learning-rate schedule', () => {
  const c = {
    ...DEFAULT_CONFIG,
    learningRate: 1,
    warmupSteps: 4,
    schedule: 'cosine' as const,
    scheduleSteps: 14,
    minLearningRateRatio: 0.1,
  };
  it('warms up linearly, then follows a half cosine to the floor', () => {
    expect([0, 1, 2, 3].map((s) => learningRateAt(s, c))).toEqual([0.25, 0.5, 0.75, 1]);
    expect(learningRateAt(4, c)).toBeCloseTo(1, 12);
    expect(learningRateAt(9, c)).toBeCloseTo(0.1 + 0.9 * 0.5, 12); // halfway
    expect(learningRateAt(14, c)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(1000, c)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(100, { ...c, schedule: 'constant' })).toBe(1);
  });
});

describe('AdamW', () => {
  /** Minimises sum((w − target)²) for a few steps with our AdamW and with tf.train.adam. */
  async function compare(decay: number) {
    const store = new ParamStore(createRng(1));
    const w = store.add('w', [5], (shape, rng) => Float32Array.from({ length: shape[0] }, rng.normal), {
      decay: true,
    });
    const ref = tf.variable(w.clone(), true, 'reference-w');
    const target = tf.tensor1d([1, -2, 3, 0.5, 0]);
    const loss = (v: tf.Tensor) => tf.sum(tf.square(tf.sub(v, target))) as tf.Scalar;
    const ours = new AdamW(store);
    const theirs = tf.train.adam(0.1, 0.9, 0.999, ADAM_EPSILON);
    for (let i = 0; i < 5; i++) {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => loss(w), [w]);
        ours.apply(grads, { learningRate: tf.scalar(0.1), weightDecay: decay }, tf.scalar(true, 'bool'));
      });
      if (decay === 0) theirs.minimize(() => loss(ref));
      else {
        // Decoupled decay: w ← w − lr·(adam + λ·w), i.e. the decay uses the weight before the Adam step.
        const before = ref.clone();
        theirs.minimize(() => loss(ref));
        ref.assign(tf.tidy(() => tf.sub(ref, tf.mul(before, 0.1 * decay))));
        before.dispose();
      }
    }
    const diff = maxAbsDiff(await w.data(), await ref.data());
    tf.dispose([ref, target]);
    theirs.dispose();
    ours.dispose();
    store.dispose();
    return diff;
  }

  it('matches tf.train.adam without weight decay', async () => {
    expect(await compare(0)).toBeLessThan(1e-5); // float32 rounding on values of order 1
  });

  it('applies decoupled weight decay', async () => {
    expect(await compare(0.5)).toBeLessThan(1e-5);
  });

  it('leaves weights, moments and step count alone when the step is rejected', async () => {
    const store = new ParamStore(createRng(2));
    const w = store.add('w', [3], (s, rng) => Float32Array.from({ length: s[0] }, rng.normal), {
      decay: true,
    });
    const before = await w.data();
    const opt = new AdamW(store);
    tf.tidy(() =>
      opt.apply(
        { [w.name]: tf.tensor1d([NaN, 1, 2]) },
        { learningRate: tf.scalar(0.1), weightDecay: 0.1 },
        tf.scalar(false, 'bool'),
      ),
    );
    expect(Array.from(await w.data())).toEqual(Array.from(before));
    expect((await opt.count.data())[0]).toBe(0);
    for (const { variable } of opt.stateVariables()) for (const v of await variable.data()) expect(v).toBe(0);
    opt.dispose();
    store.dispose();
  });
});
