import type { CpcConfig } from '../cpc/config';
import type { ImageSet } from '../cpc/data/imageSet';
import { generateSyntheticShapes } from '../cpc/data/synthetic';
import type { DatasetSpec } from './protocol';

/** Synthetic images are made in memory; more than this is a typo, not a wish. */
export const MAX_SYNTHETIC_COUNT = 100_000;

/** Builds the images a run trains on, at the config's size and channel count. */
export function loadDataset(spec: DatasetSpec, config: CpcConfig): ImageSet {
  switch (spec.kind) {
    case 'synthetic':
      if (!Number.isInteger(spec.count) || spec.count < 1 || spec.count > MAX_SYNTHETIC_COUNT) {
        throw new Error(
          `Synthetic image count must be an integer in [1, ${MAX_SYNTHETIC_COUNT}], got ${spec.count}.`,
        );
      }
      // The data share the run's seed: one config, one reproducible run.
      return generateSyntheticShapes({
        count: spec.count,
        size: config.imageSize,
        seed: config.seed,
        channels: config.channels,
      });
  }
}
