import { describe, expect, it } from 'vitest';
import { stopReason } from './budget';

const budget = { maxSteps: 500, budgetMs: 10_000, minSteps: 2 };

describe('stopReason', () => {
  it('stops at maxSteps whatever the time', () => {
    expect(stopReason(budget, 500, 1_000)).toBe('steps');
  });

  it('stops once the budget is spent, but only after minSteps', () => {
    expect(stopReason(budget, 1, 30_000)).toBeNull();
    expect(stopReason(budget, 2, 30_000)).toBe('budget');
    expect(stopReason(budget, 40, 9_999)).toBeNull();
  });

  it('never stops for time when the budget is 0', () => {
    expect(stopReason({ ...budget, budgetMs: 0 }, 499, 1e9)).toBeNull();
  });
});
