import type { CpcConfig } from '../config';
import { viewToGrid, type GridGeometry } from '../geometry';
import type { Rng } from '../random';

/**
 * Candidate sets for the contrastive losses. Each prediction m gets its true target first, then
 * `negatives` distinct other patches of the batch: about `sameImageFraction` of them from other positions
 * of the same image, the rest from other images. The positive is never among its own negatives.
 */
export interface CandidateSpec {
  targets: Int32Array;
  /** Patches per image (G·G) and images in the batch. */
  patchesPerImage: number;
  batch: number;
  negatives: number;
  sameImageFraction: number;
}

/** Returns [M, 1 + negatives] pool indices, row-major; column 0 is the positive. */
export function sampleCandidates(spec: CandidateSpec, rng: Rng): Int32Array {
  const { targets, patchesPerImage: perImage, batch, negatives } = spec;
  const width = 1 + negatives;
  const out = new Int32Array(targets.length * width);
  const { same, other } = splitNegatives(spec);
  const taken = new Int32Array(batch * perImage).fill(-1); // stamp: index of the prediction that took a patch
  for (let m = 0; m < targets.length; m++) {
    const pos = targets[m];
    const image = Math.floor(pos / perImage);
    let o = m * width;
    out[o++] = pos;
    taken[pos] = m;
    for (let i = 0; i < same; i++) {
      let idx: number;
      do idx = image * perImage + rng.int(perImage);
      while (taken[idx] === m);
      taken[idx] = m;
      out[o++] = idx;
    }
    for (let i = 0; i < other; i++) {
      let idx: number;
      do {
        const otherImage = (image + 1 + rng.int(batch - 1)) % batch; // any image but this one
        idx = otherImage * perImage + rng.int(perImage);
      } while (taken[idx] === m);
      taken[idx] = m;
      out[o++] = idx;
    }
  }
  return out;
}

/** How many negatives come from the same image and from others, within what the batch can supply. */
export function splitNegatives(spec: Omit<CandidateSpec, 'targets'>): { same: number; other: number } {
  const { patchesPerImage: perImage, batch, negatives, sameImageFraction } = spec;
  const sameAvailable = perImage - 1;
  const otherAvailable = (batch - 1) * perImage;
  if (negatives > sameAvailable + otherAvailable) {
    throw new Error(
      `${negatives} negatives requested but the batch has only ${sameAvailable + otherAvailable} other patches.`,
    );
  }
  let same = Math.min(sameAvailable, Math.round(negatives * sameImageFraction));
  let other = negatives - same;
  if (other > otherAvailable) {
    same += other - otherAvailable;
    other = otherAvailable;
  }
  return { same, other };
}

/** Candidates per prediction, the positive included; chance accuracy is 1 / this. */
export function candidateCount(
  config: Pick<CpcConfig, 'candidates' | 'negatives' | 'batchSize'>,
  grid: number,
): number {
  return config.candidates === 'row' ? config.batchSize * grid : 1 + config.negatives;
}

/**
 * The paper's candidates: for each prediction, every patch of the target row (in the direction's view:
 * the same time index t + k, every lane) in every image of the batch, the true target first and the
 * rest in (image, lane) order. Static for a geometry and batch size; rows follow buildPredictionTable.
 * Returns [M, B·G] pool indices, row-major.
 */
export function rowCandidates(geometry: GridGeometry, batch: number): Int32Array {
  const { grid: g, ks, directions } = geometry;
  const out: number[] = [];
  for (const k of ks) {
    for (const direction of directions) {
      for (let b = 0; b < batch; b++) {
        for (let t = 0; t + k < g; t++) {
          const row: number[] = [];
          for (let other = 0; other < batch; other++) {
            for (let lane = 0; lane < g; lane++) {
              const [r, c] = viewToGrid(direction, t + k, lane, g);
              row.push((other * g + r) * g + c);
            }
          }
          for (let lane = 0; lane < g; lane++) {
            const positive = b * g + lane; // its position in `row`
            out.push(row[positive], ...row.slice(0, positive), ...row.slice(positive + 1));
          }
        }
      }
    }
  }
  return Int32Array.from(out);
}
