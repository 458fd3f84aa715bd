import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type CpcConfig } from '../cpc/config';
import { generateSyntheticShapes } from '../cpc/data/synthetic';
import { SMALLEST_CONFIG_CHANGE } from '../cpc/testing/tinyConfig';
import { CpcTrainer } from '../cpc/train/trainer';
import { scratchStepTimer, timeStep, warmUpBackend } from './warmup';

// 3×3 grid of 8 px patches, k = 2: a step takes a few ms on cpu.
const TINY: CpcConfig = { ...DEFAULT_CONFIG, ...SMALLEST_CONFIG_CHANGE };
const images = generateSyntheticShapes({ count: 8, size: 16, seed: 3, channels: TINY.channels });
const now = () => performance.now();

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('timeStep', () => {
  it('times a first and a warm step when the deadline allows, and runs exactly those two', async () => {
    const trainer = new CpcTrainer(TINY, images);
    const timing = await timeStep(trainer, Infinity, now);
    expect(timing.firstMs).toBeGreaterThan(0);
    expect(timing.warmMs).toBeGreaterThan(0);
    expect(trainer.step).toBe(2);
    trainer.dispose();
  });

  it('skips the warm step when the first one ends past the deadline', async () => {
    const trainer = new CpcTrainer(TINY, images);
    const timing = await timeStep(trainer, now(), now);
    expect(timing.firstMs).toBeGreaterThan(0);
    expect(timing.warmMs).toBeNull();
    expect(trainer.step).toBe(1);
    trainer.dispose();
  });
});

describe('scratchStepTimer', () => {
  it('times a throwaway trainer, frees it, and marks the backend as warmed', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const warmed = new Set<string>();
    const timing = await scratchStepTimer(() => new CpcTrainer(TINY, images), now, warmed)(Infinity);
    expect(timing.warmMs).not.toBeNull();
    expect([...warmed]).toEqual(['cpu']);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});

describe('warmUpBackend', () => {
  it('runs one real step on a backend without parallel compilation', async () => {
    const trainer = new CpcTrainer(TINY, images);
    await warmUpBackend(trainer);
    expect(trainer.step).toBe(1);
    trainer.dispose();
  });
});
