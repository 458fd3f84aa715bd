import { augmentPatches, augmentParamsFromConfig, NO_AUGMENTATION } from '../augment';
import type { CpcConfig } from '../config';
import { extractPatches } from '../data/patches';
import type { ImageSet } from '../data/imageSet';
import type { GridGeometry } from '../geometry';
import { isRngSnapshot, permutation, restoreRng, type Rng, type RngSnapshot } from '../random';

/** A batch ready to upload: augmented patches [B·G·G, P, P, C] and the images they came from. */
export interface PatchBatch {
  patches: Float32Array;
  indices: Int32Array;
}

/**
 * Draws batches in shuffled epochs (every image once per epoch) and cuts them into augmented patches.
 * Runs on plain arrays so that it can prepare the next batch while the backend runs the current step.
 */
export class BatchSampler {
  private order: Int32Array = new Int32Array(0);
  private cursor = 0;

  constructor(
    private readonly data: ImageSet,
    private readonly rng: Rng,
  ) {}

  /** Continues a sampler's epoch exactly where `snapshot()` left it. */
  static restore(data: ImageSet, snapshot: SamplerSnapshot): BatchSampler {
    const sampler = new BatchSampler(data, restoreRng(snapshot.rng));
    sampler.order = Int32Array.from(snapshot.order);
    sampler.cursor = snapshot.cursor;
    return sampler;
  }

  snapshot(): SamplerSnapshot {
    return { rng: this.rng.snapshot(), order: Array.from(this.order), cursor: this.cursor };
  }

  /**
   * The next `batch` images, never the same image twice in one batch (unless the set is smaller than
   * the batch): a twin would be a "negative from another image" identical to the positive's image.
   * Where an epoch ends mid-batch, an image already taken is swapped further into the new epoch.
   */
  nextIndices(batch: number): Int32Array {
    const out = new Int32Array(batch);
    const taken = new Set<number>();
    for (let i = 0; i < batch; i++) {
      if (this.cursor >= this.order.length) {
        this.order = permutation(this.data.count, this.rng);
        this.cursor = 0;
      }
      let j = this.cursor;
      while (j < this.order.length && taken.has(this.order[j])) j++;
      if (j < this.order.length && j !== this.cursor) {
        [this.order[this.cursor], this.order[j]] = [this.order[j], this.order[this.cursor]];
      }
      out[i] = this.order[this.cursor++];
      taken.add(out[i]);
    }
    return out;
  }
}

export interface SamplerSnapshot {
  rng: RngSnapshot;
  /** The current epoch's order and the position in it. */
  order: number[];
  cursor: number;
}

/** Whether a snapshot read from a file fits a set of `count` images. */
export function isSamplerSnapshot(value: unknown, count: number): value is SamplerSnapshot {
  const v = value as Partial<SamplerSnapshot> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    isRngSnapshot(v.rng) &&
    Array.isArray(v.order) &&
    (v.order.length === 0 || v.order.length === count) &&
    v.order.every((i) => Number.isInteger(i) && i >= 0 && i < count) &&
    Number.isInteger(v.cursor) &&
    (v.cursor as number) >= 0 &&
    (v.cursor as number) <= v.order.length
  );
}

/** Patches of the given images, augmented per patch as the config says (or not at all). */
export function makePatchBatch(
  data: ImageSet,
  indices: Int32Array,
  config: CpcConfig,
  geometry: GridGeometry,
  augmentRng: Rng | null,
): PatchBatch {
  const raw = extractPatches(data, indices, geometry.patchSize, geometry.stride, geometry.grid);
  const n = indices.length * geometry.grid * geometry.grid;
  const params = augmentRng ? augmentParamsFromConfig(config) : NO_AUGMENTATION;
  const patches = augmentRng
    ? augmentPatches(raw, n, geometry.patchSize, data.channels, params, augmentRng)
    : raw;
  return { patches, indices };
}
