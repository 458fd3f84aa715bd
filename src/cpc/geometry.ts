import type { CpcConfig, DirectionMode } from './config';

/**
 * The patch grid a config implies, and the prediction tasks on it. Everything here is plain numbers,
 * computed once per config: the UI shows it as you type, the model uses it to build static index tables.
 */
export interface GridGeometry {
  /** Patches per row and per column (the grid is square because training images are). */
  grid: number;
  patchSize: number;
  stride: number;
  /** Fraction of a patch shared with its neighbour: (patch - stride) / patch, 0 when they do not touch. */
  overlap: number;
  /** Steps ahead that are predicted: kMin..kMax inclusive. */
  kMin: number;
  kMax: number;
  ks: number[];
  directions: Direction[];
  /** Context positions × steps ahead, per image and direction (predictions that have a target in the grid). */
  predictionsPerImage: number;
  /** Pixels of the image not covered by the grid on the right and bottom edges. */
  uncoveredPixels: number;
}

/** Each direction names where predictions go: 'down' = context above, targets below (CPC v1). */
export type Direction = 'down' | 'up' | 'right' | 'left';
export const ALL_DIRECTIONS: readonly Direction[] = ['down', 'up', 'right', 'left'];

export function directionsFor(mode: DirectionMode): Direction[] {
  return mode === 'all' ? [...ALL_DIRECTIONS] : ['down'];
}

export function gridSize(imageSize: number, patchSize: number, stride: number): number {
  return patchSize > imageSize ? 0 : Math.floor((imageSize - patchSize) / stride) + 1;
}

/**
 * The smallest step ahead whose target shares no pixel with its context. Context row t ends at pixel
 * t·stride + P − 1 and target row t + k starts at (t + k)·stride, so they are disjoint exactly when
 * k·stride ≥ P. Any smaller k lets the model copy pixels it already sees: a trivial task.
 */
export function autoKMin(patchSize: number, stride: number): number {
  return Math.max(1, Math.ceil(patchSize / stride));
}

export interface GeometryResult {
  geometry: GridGeometry | null;
  /** Human-readable reasons the config cannot train; empty when it can. */
  errors: string[];
  /** Legal but likely unwanted choices. */
  warnings: string[];
}

export function resolveGeometry(config: CpcConfig): GeometryResult {
  const { imageSize, patchSize, patchStride: stride } = config;
  const errors: string[] = [];
  const warnings: string[] = [];
  if (patchSize > imageSize)
    errors.push(`Patch (${patchSize} px) is larger than the image (${imageSize} px).`);
  if (stride > patchSize)
    warnings.push(`Stride ${stride} > patch ${patchSize}: pixels between patches are never seen.`);
  const grid = gridSize(imageSize, patchSize, stride);
  const kMin = config.kMin === 'auto' ? autoKMin(patchSize, stride) : config.kMin;
  const kMax = config.kMax;
  const safeKMin = autoKMin(patchSize, stride);
  if (config.kMin !== 'auto' && kMin < safeKMin) {
    warnings.push(
      `k=${kMin} with patch ${patchSize} and stride ${stride}: the target shares pixels with the context (a trivial task); k ≥ ${safeKMin} is safe.`,
    );
  }
  if (kMin > kMax) errors.push(`k range is empty: kMin ${kMin} > kMax ${kMax}.`);
  if (grid > 0 && kMax > grid - 1)
    errors.push(`kMax ${kMax} reaches beyond the ${grid}×${grid} grid (at most ${grid - 1}).`);
  if (grid > 0 && grid < 2) errors.push('The grid has a single row: there is nothing to predict.');
  if (config.candidates === 'sampled' && config.batchSize * grid * grid - 1 < config.negatives) {
    errors.push(
      `${config.negatives} negatives asked for, but a batch holds only ${config.batchSize * grid * grid - 1} other patches.`,
    );
  }
  const uncoveredPixels = grid > 0 ? imageSize - ((grid - 1) * stride + patchSize) : imageSize;
  if (uncoveredPixels > 0 && grid > 0)
    warnings.push(`The grid leaves ${uncoveredPixels} px uncovered at the right and bottom.`);
  if (errors.length > 0) return { geometry: null, errors, warnings };

  const ks: number[] = [];
  for (let k = kMin; k <= kMax; k++) ks.push(k);
  const directions = directionsFor(config.directions);
  const predictionsPerImage = ks.reduce((sum, k) => sum + (grid - k) * grid, 0);
  return {
    geometry: {
      grid,
      patchSize,
      stride,
      overlap: Math.max(0, (patchSize - stride) / patchSize),
      kMin,
      kMax,
      ks,
      directions,
      predictionsPerImage,
      uncoveredPixels,
    },
    errors,
    warnings,
  };
}

/** Like resolveGeometry, but throws on an invalid config (for code paths that already validated it). */
export function requireGeometry(config: CpcConfig): GridGeometry {
  const { geometry, errors } = resolveGeometry(config);
  if (!geometry) throw new Error(`Invalid CPC config: ${errors.join(' ')}`);
  return geometry;
}

/**
 * Maps a position in a direction's view (time t along the prediction axis, lane l across it) back to the
 * grid's (row, col). Each direction is the top-down task on a flipped or transposed grid.
 */
export function viewToGrid(direction: Direction, t: number, lane: number, grid: number): [number, number] {
  switch (direction) {
    case 'down':
      return [t, lane];
    case 'up':
      return [grid - 1 - t, lane];
    case 'right':
      return [lane, t];
    case 'left':
      return [lane, grid - 1 - t];
  }
}
