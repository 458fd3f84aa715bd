import type { CpcConfig } from '../../cpc/config';

/**
 * The few fields a lesson turns most often: they sit in the control row, always in view; the Model
 * panel keeps every other field under "Advanced settings".
 */
export const ESSENTIAL_FIELDS = [
  'learningRate',
  'batchSize',
  'directions',
] as const satisfies readonly (keyof CpcConfig)[];

export function isEssentialField(key: keyof CpcConfig): boolean {
  return (ESSENTIAL_FIELDS as readonly (keyof CpcConfig)[]).includes(key);
}
