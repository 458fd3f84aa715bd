import type { CpcConfig } from '../../cpc/config';
import { presetById, type PresetId } from '../../cpc/presets';
import { pendingRestartKeys } from '../store/configLogic';

/** What choosing a preset does: apply it at once, or ask first because it would discard trained steps. */
export type PresetChoice = { kind: 'apply' } | { kind: 'ask'; question: string };

/**
 * Before the first step a rebuild loses nothing, so a preset applies at once; after it, a preset that
 * changes restart fields discards the weights, which is worth one question (and only one).
 */
export function presetChoice(id: PresetId, applied: CpcConfig, step: number): PresetChoice {
  const preset = presetById(id);
  if (step === 0 || pendingRestartKeys(applied, preset.config).length === 0) return { kind: 'apply' };
  const steps = step === 1 ? '1 step' : `${step} steps`;
  return {
    kind: 'ask',
    question: `Rebuild with ${preset.title}? This discards the ${steps} trained so far.`,
  };
}
