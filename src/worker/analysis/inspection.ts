import * as tf from '@tensorflow/tfjs';
import type { CpcConfig } from '../../cpc/config';
import type { ImageSet } from '../../cpc/data/imageSet';
import type { Direction } from '../../cpc/geometry';
import type { CpcModel } from '../../cpc/model/cpcModel';
import { inspectPrediction } from '../../cpc/model/inspect';
import { createRng, permutation, type Rng } from '../../cpc/random';
import { makePatchBatch } from '../../cpc/train/batches';
import type { AnalysisEvent } from './messages';
import { thumbnailsOf } from './thumbnails';

export interface InspectionRequest {
  image: number;
  direction: Direction;
  t: number;
  lane: number;
}

/**
 * The batch the patch-grid panel shows: its images are drawn once, and its augmentation replays one
 * seeded stream, so every request sees the same patches (as long as the augmentation settings stay) and
 * the user watches the same prediction improve. The batch is as large as a training batch at init, so
 * the true patch competes with as many candidates as in training.
 */
export class InspectionBatch {
  readonly indices: Int32Array;
  private readonly augmentSeed: number;

  constructor(images: ImageSet, batchSize: number, rng: Rng) {
    const size = Math.min(batchSize, images.count);
    this.indices = permutation(images.count, rng).slice(0, size);
    this.augmentSeed = rng.int(2 ** 31);
  }

  /** Inspects one context position with the model's current weights and the config's augmentation. */
  async inspect(
    model: CpcModel,
    images: ImageSet,
    config: CpcConfig,
    request: InspectionRequest,
    step: number,
  ): Promise<Extract<AnalysisEvent, { type: 'inspection' }>> {
    const { geometry } = model;
    checkRequest(request, this.indices.length, geometry.grid, geometry.kMin, geometry.directions);
    const batch = this.indices.length;
    const { patches } = makePatchBatch(images, this.indices, config, geometry, createRng(this.augmentSeed));
    const { grid, patchSize } = geometry;
    const input = tf.tensor4d(patches, [batch * grid * grid, patchSize, patchSize, images.channels]);
    try {
      const { image, direction, t, lane } = request;
      const prediction = await inspectPrediction(model, input, batch, image, direction, t, lane);
      return {
        type: 'inspection',
        step,
        geometry: {
          imageSize: images.size,
          channels: images.channels,
          grid,
          patchSize,
          stride: geometry.stride,
          ks: [...geometry.ks],
          directions: [...geometry.directions],
        },
        batchIndices: Array.from(this.indices),
        images: thumbnailsOf(images, this.indices),
        image,
        patches,
        prediction,
      };
    } finally {
      input.dispose();
    }
  }
}

/** Rejects positions with no target in the grid, so every inspection has something to rank. */
function checkRequest(
  { image, direction, t, lane }: InspectionRequest,
  batch: number,
  grid: number,
  kMin: number,
  directions: Direction[],
): void {
  const inRange = (value: number, end: number) => Number.isInteger(value) && value >= 0 && value < end;
  if (!inRange(image, batch)) throw new Error(`Inspection image must be 0..${batch - 1}, got ${image}.`);
  if (!directions.includes(direction)) {
    throw new Error(`This model predicts ${directions.join(', ')}, not '${direction}'.`);
  }
  if (!inRange(t, grid - kMin)) {
    throw new Error(`Context position t must be 0..${grid - kMin - 1} to leave a target, got ${t}.`);
  }
  if (!inRange(lane, grid)) throw new Error(`Lane must be 0..${grid - 1}, got ${lane}.`);
}
