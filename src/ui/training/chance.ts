import type { CpcConfig } from '../../cpc/config';
import { resolveGeometry } from '../../cpc/geometry';
import { candidateCount } from '../../cpc/losses/negatives';

/**
 * The loss a model that has learned nothing scores (all scores equal), for the loss chart's chance line.
 * InfoNCE is a cross-entropy over N candidates: at chance every candidate gets 1/N, so −log(1/N) = log N.
 * The BCE loss judges each candidate on its own: at score 0 the sigmoid says 1/2 for every one, and the
 * positive's and the negatives' terms are both −log(1/2), so the loss is log 2 whatever N is
 * (contrastive.ts, binaryNceLoss).
 */
export function chanceLoss(loss: CpcConfig['loss'], candidates: number): number {
  return loss === 'infonce' ? Math.log(candidates) : Math.log(2);
}

/** The chance loss of a config; null when its grid is invalid (no candidates to count). */
export function chanceLossOf(config: CpcConfig): number | null {
  const grid = resolveGeometry(config).geometry?.grid;
  return grid === undefined ? null : chanceLoss(config.loss, candidateCount(config, grid));
}
