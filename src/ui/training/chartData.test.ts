import { describe, expect, it } from 'vitest';
import type { MetricsRow } from '../../worker/protocol';
import { appendRows, EMPTY_HISTORY } from '../store/metricsHistory';
import {
  accuracyLabel,
  accuracySummary,
  chartPoints,
  learningRateLabel,
  learningRateSummary,
  lossExtent,
  lossLabel,
  lossSummary,
} from './chartData';

const row = (step: number, loss: number, accuracy: number): MetricsRow => ({
  step,
  loss,
  accuracy,
  ks: [2, 3],
  lossPerK: [loss, loss],
  accuracyPerK: [accuracy, accuracy / 2],
  gradNorm: 1,
  learningRate: 1e-3,
  finite: true,
  batchSize: 2,
  stepMs: 1,
});

describe('chart points', () => {
  it('turns buckets into means with the loss range', () => {
    // Limit 2: rows 1–2 merge into one bucket (mean loss 3, range [2, 4]), row 3 stays alone.
    const history = appendRows(EMPTY_HISTORY, [row(1, 4, 0.2), row(2, 2, 0.4), row(3, 1, 0.6)], 2);
    const points = chartPoints(history);
    expect(points).toHaveLength(2);
    expect(points[0]).toMatchObject({ step: 2, loss: 3, lossRange: [2, 4] });
    expect(points[0].accuracy).toBeCloseTo(0.3, 12);
    expect(points[0].accuracyPerK[1]).toBeCloseTo(0.15, 12);
    expect(lossSummary(points)).toBe(
      `Loss from 3.000 at step 2 to 1.000 at step 3 (smoothed ${points[1].lossEma.toFixed(3)}, lowest 1.000).`,
    );
    expect(accuracySummary(points, history.ks, 1 / 16)).toBe(
      'CPC accuracy 60.0% at step 3 (chance 6.3%); per k: k=2 60.0%, k=3 30.0%.',
    );
    expect(learningRateSummary(points)).toBe('Learning rate 0.00100 at step 3 (peak so far 0.00100).');
  });

  it('pools buckets into at most the given number of points', () => {
    // Five rows, one bucket each, at most 2 points: groups of 3 (steps 1–3) and 2 (steps 4–5).
    const rows = [4, 2, 3, 1, 5].map((loss, i) => row(i + 1, loss, 0.1 * (i + 1)));
    const points = chartPoints(appendRows(EMPTY_HISTORY, rows), 2);
    expect(points).toHaveLength(2);
    expect(points[0]).toMatchObject({ step: 3, loss: 3, lossRange: [2, 4] });
    expect(points[1]).toMatchObject({ step: 5, loss: 3, lossRange: [1, 5] });
    expect(points[1].accuracy).toBeCloseTo(0.45, 12);
    expect(points[1].accuracyPerK[1]).toBeCloseTo(0.225, 12);
  });

  it('says so when there is nothing to plot', () => {
    expect(lossSummary([])).toBe('No steps yet.');
  });
});

describe('chart names', () => {
  const history = appendRows(EMPTY_HISTORY, [row(1, 4, 0.2), row(120, 2.31, 0.4)], 10);
  const points = chartPoints(history);

  it('say in words what the chart shows now, with the chance level', () => {
    const ema = points[1].lossEma.toFixed(2);
    expect(lossLabel(points, Math.log(16))).toBe(`Loss over 120 steps, now ${ema} smoothed, chance 2.77`);
    expect(accuracyLabel(points, 1 / 16)).toBe('CPC accuracy over 120 steps, now 40.0%, chance 6.3%');
    expect(learningRateLabel(points)).toBe('Learning rate over 120 steps, now 0.00100');
  });

  it('are never a run of digits before the first step', () => {
    expect(lossLabel([], null)).toBe('Loss, no steps yet');
    expect(accuracyLabel([], 0.5)).toBe('CPC accuracy, no steps yet, chance 50.0%');
  });

  it('give the loss axis every step’s lowest and highest loss', () => {
    expect(lossExtent(points)).toEqual([4, 4, 2.31, 2.31]);
  });
});
