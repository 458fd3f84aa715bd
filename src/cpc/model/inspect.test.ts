import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { extractPatches } from '../data/patches';
import { generateSyntheticShapes } from '../data/synthetic';
import { useCpuBackend } from '../testing/tfTest';
import { tinyConfig } from '../testing/tinyConfig';
import { CpcModel } from './cpcModel';
import { inspectPrediction } from './inspect';

useCpuBackend();

describe('inspectPrediction', () => {
  it('ranks every patch of the batch for each k and places the true target', async () => {
    const model = new CpcModel(tinyConfig({ imageSize: 24, kMax: 3, directions: 'all' })); // 5×5 grid, k = 2, 3
    const set = generateSyntheticShapes({ count: 3, size: 24, seed: 1 });
    const patches = tf.tensor4d(extractPatches(set, [0, 1, 2], 8, 4, 5), [75, 8, 8, 3]);
    const before = tf.memory().numTensors;
    const result = await inspectPrediction(model, patches, 3, 1, 'left', 1, 2, 4);
    expect(tf.memory().numTensors).toBe(before);
    // 'left': time runs right to left along row 2 (the lane); t = 1 is column 3.
    expect(result.context).toEqual([
      [2, 4],
      [2, 3],
    ]);
    expect(result.targets.map((x) => [x.k, x.row, x.col])).toEqual([
      [2, 2, 1],
      [3, 2, 0],
    ]);
    for (const target of result.targets) {
      expect(target.truePool).toBe((1 * 5 + target.row) * 5 + target.col);
      expect(target.top).toHaveLength(4);
      const scores = target.top.map((c) => c.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      expect(target.trueRank).toBeGreaterThanOrEqual(1);
      expect(target.trueRank).toBeLessThanOrEqual(75);
      if (target.trueRank <= 4) expect(target.top[target.trueRank - 1].pool).toBe(target.truePool);
      else expect(target.trueScore).toBeLessThanOrEqual(target.top[3].score);
    }
    // Positions too close to the edge have fewer targets.
    expect((await inspectPrediction(model, patches, 3, 0, 'down', 2, 0)).targets.map((x) => x.k)).toEqual([
      2,
    ]);
    const topDownOnly = new CpcModel(tinyConfig());
    await expect(inspectPrediction(topDownOnly, patches, 3, 0, 'up', 0, 0)).rejects.toThrow(/direction/);
    topDownOnly.dispose();
    patches.dispose();
    model.dispose();
  });
});
