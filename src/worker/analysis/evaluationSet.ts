import { seededSubset, type ImageSet } from '../../cpc/data/imageSet';
import type { Rng } from '../../cpc/random';

/** Images embedded for neighbours and the map: enough to retrieve well, few enough to embed in a blink. */
export const EVALUATION_IMAGE_LIMIT = 500;

export interface EvaluationSet {
  images: ImageSet;
  source: 'held-out' | 'training';
}

/** The held-out split when there is one (images CPC never trained on), else the training images. */
export function chooseEvaluationSet(
  train: ImageSet,
  test: ImageSet | null,
  rng: Rng,
  limit = EVALUATION_IMAGE_LIMIT,
): EvaluationSet {
  const source = test && test.count > 1 ? 'held-out' : 'training';
  const from = source === 'held-out' && test ? test : train;
  return { images: seededSubset(from, limit, rng), source };
}
