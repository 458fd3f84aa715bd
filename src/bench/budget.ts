/** When a benchmark cell stops training: at `maxSteps`, or once `budgetMs` is spent and `minSteps` are done. */
export interface StepBudget {
  maxSteps: number;
  /** Training time per cell (from the first step); 0 = no limit. */
  budgetMs: number;
  /** Steps run even when they take longer than the budget, so that every cell has a median. */
  minSteps: number;
}

export type StopReason = 'steps' | 'budget';

export function stopReason(budget: StepBudget, steps: number, elapsedMs: number): StopReason | null {
  if (steps >= budget.maxSteps) return 'steps';
  if (budget.budgetMs > 0 && elapsedMs >= budget.budgetMs && steps >= budget.minSteps) return 'budget';
  return null;
}
