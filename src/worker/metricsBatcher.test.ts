import { describe, expect, it } from 'vitest';
import { MetricsBatcher } from './metricsBatcher';
import type { MetricsRow } from './protocol';

function row(step: number, stepMs: number, batchSize = 4): MetricsRow {
  return {
    step,
    loss: 1,
    accuracy: 0.5,
    ks: [2],
    lossPerK: [1],
    accuracyPerK: [0.5],
    gradNorm: 1,
    learningRate: 1e-3,
    finite: true,
    batchSize,
    stepMs,
  };
}

describe('MetricsBatcher', () => {
  it('releases the first row at once, then at most one batch per interval', () => {
    const batcher = new MetricsBatcher(100);
    expect(batcher.push(row(1, 10), 0)?.rows.map((r) => r.step)).toEqual([1]);
    expect(batcher.push(row(2, 10), 40)).toBeNull();
    expect(batcher.push(row(3, 10), 99)).toBeNull();
    expect(batcher.push(row(4, 10), 100)?.rows.map((r) => r.step)).toEqual([2, 3, 4]);
    expect(batcher.push(row(5, 10), 150)).toBeNull();
    expect(batcher.flush(160)?.rows.map((r) => r.step)).toEqual([5]);
    expect(batcher.flush(170)).toBeNull();
  });

  it('computes rates from the steps own times, not from the wall clock', () => {
    const batcher = new MetricsBatcher(100);
    batcher.push(row(1, 50), 0);
    batcher.push(row(2, 20, 4), 10);
    const batch = batcher.push(row(3, 30, 8), 500); // 450 ms idle between them is not training time
    // 2 steps in 50 ms = 40 steps/s; 12 images in 50 ms = 240 images/s.
    expect(batch?.stepsPerSecond).toBeCloseTo(40, 10);
    expect(batch?.imagesPerSecond).toBeCloseTo(240, 10);
  });
});
