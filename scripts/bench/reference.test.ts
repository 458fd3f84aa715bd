import { describe, expect, it } from 'vitest';
import { tinyConfig } from '../../src/cpc/testing/tinyConfig';
import { findTorch, runReference } from './reference';

const torch = findTorch();

describe.skipIf('missing' in torch)('PyTorch reference (needs python3-torch)', () => {
  it.each([
    ['layer norm, InfoNCE, top-down', tinyConfig({ channels: 1, kMin: 1, kMax: 2, norm: 'layer' })],
    [
      'batch norm, BCE, all directions, no hidden layer',
      tinyConfig({ norm: 'batch', loss: 'bce', directions: 'all', encoderHidden: 0 }),
    ],
  ])('gives the engine’s loss and gradient norm on the same weights and batch (%s)', async (_, config) => {
    if ('missing' in torch) return;
    const result = await runReference(torch.python, {
      workload: 'reference',
      variant: '',
      config,
      maxSteps: 1,
      budgetMs: 0,
      minSteps: 1,
    });
    expect(result.correctness.lossRelativeError).toBeLessThan(1e-5);
    expect(result.correctness.gradNormRelativeError).toBeLessThan(1e-4);
    expect(result.lossMatches).toBe(true);
    expect(result.speed.steps).toBe(1);
  });
});
