import type { CpcConfig } from '../config';

export type ScheduleConfig = Pick<
  CpcConfig,
  'learningRate' | 'warmupSteps' | 'schedule' | 'scheduleSteps' | 'minLearningRateRatio'
>;

/**
 * Learning rate for a 0-based step: linear warm-up to the peak over `warmupSteps`, then constant or a
 * half-cosine down to peak·minLearningRateRatio at `scheduleSteps`, flat afterwards.
 */
export function learningRateAt(step: number, c: ScheduleConfig): number {
  if (c.warmupSteps > 0 && step < c.warmupSteps) return (c.learningRate * (step + 1)) / c.warmupSteps;
  if (c.schedule === 'constant') return c.learningRate;
  const span = Math.max(1, c.scheduleSteps - c.warmupSteps);
  const progress = Math.min(1, (step - c.warmupSteps) / span);
  const floor = c.learningRate * c.minLearningRateRatio;
  return floor + (c.learningRate - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
}
