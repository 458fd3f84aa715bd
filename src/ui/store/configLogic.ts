import {
  CONFIG_KEYS,
  LIVE_KEYS,
  restartKeysChanged,
  type CpcConfig,
  type LiveConfig,
} from '../../cpc/config';
import { resolveGeometry, type GeometryResult } from '../../cpc/geometry';
import { candidateCount } from '../../cpc/losses/negatives';
import { PRESETS, type PresetId } from '../../cpc/presets';

/** Live fields whose draft value differs from the running config: what `set-hyperparameters` sends. */
export function liveDiff(applied: CpcConfig, draft: CpcConfig): LiveConfig {
  const change: Record<string, unknown> = {};
  for (const key of LIVE_KEYS) if (applied[key] !== draft[key]) change[key] = draft[key];
  return change as LiveConfig;
}

/** Restart fields changed in the draft: applying them rebuilds the model and discards its weights. */
export function pendingRestartKeys(applied: CpcConfig, draft: CpcConfig): (keyof CpcConfig)[] {
  return restartKeysChanged(applied, draft);
}

/** The preset the config equals, or null for a custom config. */
export function matchingPreset(config: CpcConfig): PresetId | null {
  const hit = PRESETS.find((preset) => CONFIG_KEYS.every((key) => preset.config[key] === config[key]));
  return hit?.id ?? null;
}

export interface ConfigReadiness {
  geometry: GeometryResult;
  /** Why Start is refused, in words; null when the draft can train. */
  blocker: string | null;
}

/** Whether the draft config can train as it stands, and why not. */
export function configReadiness(
  applied: CpcConfig,
  draft: CpcConfig,
  fieldErrors: Partial<Record<keyof CpcConfig, string>>,
): ConfigReadiness {
  const geometry = resolveGeometry(draft);
  const badFields = Object.keys(fieldErrors);
  let blocker: string | null = null;
  if (badFields.length > 0) blocker = `Fix the invalid value of ${badFields.join(', ')}.`;
  else if (geometry.errors.length > 0) blocker = geometry.errors.join(' ');
  else if (pendingRestartKeys(applied, draft).length > 0)
    blocker = 'Apply or revert the model changes first.';
  return { geometry, blocker };
}

/** Chance accuracy of the contrastive task: the positive is one of candidateCount candidates. */
export function chanceAccuracy(config: CpcConfig): number {
  const grid = resolveGeometry(config).geometry?.grid ?? 0;
  return 1 / candidateCount(config, grid);
}
