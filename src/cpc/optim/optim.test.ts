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
    for (const entry of opt.stateEntries()) for (const v of await entry.read()) expect(v).toBe(0);
    opt.dispose();
    store.dispose();
  });

  it('leaves a weight without a gradient alone, and updates the others', async () => {
    const store = new ParamStore(createRng(3));
    const a = store.add('a', [2], (s) => Float32Array.from({ length: s[0] }, () => 1), { decay: true });
    const b = store.add('b', [2, 2], (s) => new Float32Array(s[0] * s[1]).fill(2), { decay: true });
    const opt = new AdamW(store);
    const step = () =>
      tf.tidy(() =>
        opt.apply(
          { [a.name]: tf.tensor1d([1, -1]) },
          { learningRate: tf.scalar(0.1), weightDecay: 0.5 },
          tf.scalar(true, 'bool'),
        ),
      );
    step();
    step(); // the second step reuses the cached mask
    expect(Array.from(await b.data())).toEqual([2, 2, 2, 2]);
    // Adam's first steps move by lr·sign(g); decay by lr·λ·w (the weight before each step):
    // 1 − 0.1·(1 + 0.5·1) = 0.85, then 0.85 − 0.1·(1 + 0.5·0.85) = 0.7075; the other value mirrors it.
    const [a0, a1] = Array.from(await a.data());
    expect(a0).toBeCloseTo(0.7075, 5);
    expect(a1).toBeCloseTo(1 + 0.1 - 0.05 + 0.1 - 0.1 * 0.5 * 1.05, 5);
    const state = Object.fromEntries(
      await Promise.all(opt.stateEntries().map(async (e) => [e.name, Array.from(await e.read())])),
    );
    expect(state['optimizer/count']).toEqual([2]);
    expect(state['optimizer/m/b']).toEqual([0, 0, 0, 0]);
    expect(state['optimizer/v/b']).toEqual([0, 0, 0, 0]);
    expect(state['optimizer/m/a'][0]).toBeCloseTo(0.1 * 0.9 + 0.1, 6);
    opt.dispose();
    store.dispose();
  });

  it('runs a fixed number of arithmetic kernels whatever the number of weights', async () => {
    const kernelsFor = async (count: number) => {
      const store = new ParamStore(createRng(4));
      const ws = Array.from({ length: count }, (_, i) =>
        store.add(`w${i}`, [3, 2], (_, rng) => Float32Array.from({ length: 6 }, rng.normal), { decay: true }),
      );
      const opt = new AdamW(store);
      const info = await tf.profile(() =>
        tf.tidy(() => {
          const grads = Object.fromEntries(ws.map((w) => [w.name, tf.onesLike(w)]));
          opt.apply(grads, { learningRate: tf.scalar(0.1), weightDecay: 0.1 }, tf.scalar(true, 'bool'));
        }),
      );
      opt.dispose();
      store.dispose();
      const views = info.kernels.filter((k) => k.name === 'Reshape' || k.name === 'Identity').length;
      return { views, work: info.kernels.length - views - count }; // minus the test's own onesLike
    };
    const few = await kernelsFor(2);
    const many = await kernelsFor(20);
    expect(many.work).toBe(few.work); // one concat, one split, the arithmetic on the flat buffer
    expect(many.work).toBeLessThanOrEqual(30);
    // Per weight only zero-copy views: its gradient flattened, its new value reshaped back (the flat
    // weights are the buffer the last update split, kept).
    expect(many.views - few.views).toBe(2 * (20 - 2));
  });

  it('updates from weights assigned since its last step (a loaded checkpoint), not its kept copy', async () => {
    const store = new ParamStore(createRng(6));
    const a = store.add('a', [2], () => Float32Array.from([1, 2]), { decay: true });
    const b = store.add('b', [1], () => Float32Array.from([3]));
    const opt = new AdamW(store);
    const step = () =>
      tf.tidy(() =>
        opt.apply(
          { [a.name]: tf.tensor1d([0, 0]), [b.name]: tf.tensor1d([0]) },
          { learningRate: tf.scalar(0.5), weightDecay: 0.1 },
          tf.scalar(true, 'bool'),
        ),
      );
    step(); // zero gradient: only decay, a ← a·(1 − 0.05)
    expect(await a.data()).toEqual(Float32Array.from([0.95, 1.9]));
    tf.tidy(() => a.assign(tf.tensor1d([10, 20])));
    step();
    expect(Array.from(await a.data())).toEqual([10 * 0.95, 20 * 0.95].map(Math.fround));
    expect(await b.data()).toEqual(Float32Array.from([3])); // no decay on b
    opt.dispose();
    store.dispose();
  });

  it('saves and restores its moments per weight under the names checkpoints use', async () => {
    const store = new ParamStore(createRng(5));
    const a = store.add('a', [3], (s, rng) => Float32Array.from({ length: s[0] }, rng.normal));
    const b = store.add('b', [2], (s, rng) => Float32Array.from({ length: s[0] }, rng.normal));
    const opt = new AdamW(store);
    tf.tidy(() =>
      opt.apply(
        { [a.name]: tf.tensor1d([1, 2, 3]), [b.name]: tf.tensor1d([4, 5]) },
        { learningRate: tf.scalar(0.1), weightDecay: 0 },
        tf.scalar(true, 'bool'),
      ),
    );
    const entries = opt.stateEntries();
    expect(entries.map((e) => [e.name, e.shape])).toEqual([
      ['optimizer/count', []],
      ['optimizer/m/a', [3]],
      ['optimizer/v/a', [3]],
      ['optimizer/m/b', [2]],
      ['optimizer/v/b', [2]],
    ]);
    const m = async (name: string) => Array.from(await entries.find((e) => e.name === name)!.read());
    expect((await m('optimizer/m/b')).map((x) => +x.toFixed(5))).toEqual([0.4, 0.5]);
    const before = tf.memory().numTensors;
    entries.find((e) => e.name === 'optimizer/m/b')!.write(Float32Array.from([7, 8]));
    expect(tf.memory().numTensors).toBe(before);
    const fresh = opt.stateEntries();
    expect(Array.from(await fresh.find((e) => e.name === 'optimizer/m/b')!.read())).toEqual([7, 8]);
    expect(
      Array.from(await fresh.find((e) => e.name === 'optimizer/m/a')!.read()).map((x) => +x.toFixed(5)),
    ).toEqual([0.1, 0.2, 0.3]);
    opt.dispose();
    store.dispose();
  });
});
