/**
 * The "What it learned" part of the worker protocol (protocol.ts joins these into WorkerCommand and
 * WorkerEvent). Image indices in `neighbours`, `embedding-map` and `snapshot` all refer to the evaluation
 * set that `evaluation-images` describes, so the page can draw any of them from that one message.
 */
import type { FeatureComparison, ProbeScores } from '../../cpc/eval';
import type { Direction } from '../../cpc/geometry';
import type { ImageFeature } from '../../cpc/model/imageFeatures';
import type { PredictionInspection } from '../../cpc/model/inspect';

/**
 * Page → worker. Each request is answered by its event (or a recoverable `error` that leaves the run as
 * it was), between two training steps.
 */
export type AnalysisCommand =
  /** `image` is a position in the fixed inspection batch (0..B-1); t and lane are in the direction's view. */
  | { type: 'request-inspection'; image: number; direction: Direction; t: number; lane: number }
  /** `query` is an evaluation-set index; 'random' draws one from the run's seeded stream. k defaults to 8. */
  | { type: 'request-neighbours'; query: number | 'random'; k?: number }
  | { type: 'request-embedding-map' }
  /**
   * Probes the selected feature and raw pixels; `allFeatures` adds every other image feature, which makes
   * the probe about 2.5 times as long.
   */
  | { type: 'request-probe'; allFeatures?: boolean }
  | { type: 'request-evaluation-images' }
  /** A `snapshot` every `everySteps` training steps; 0 turns snapshots off. Survives re-init. */
  | { type: 'set-visualisation'; everySteps: number }
  /**
   * Turns on the automatic probes: once when a run's model is ready (the random-init and raw-pixel
   * baselines), on each pause, and every `everySteps` training steps (0: only ready and pause). A worker
   * that never gets this probes on request only. Survives re-init.
   */
  | { type: 'set-probe-schedule'; everySteps: number }
  /**
   * The image feature (imageFeatures.ts) that neighbours, the map, the probe's headline and the embeddings
   * export use from now on; a new worker starts at DEFAULT_IMAGE_FEATURE. Survives re-init, needs no model.
   */
  | { type: 'set-image-feature'; feature: ImageFeature };

/** Images as bytes, laid out [count, size, size, channels]. */
export interface Thumbnails {
  count: number;
  size: number;
  channels: 1 | 3;
  pixels: Uint8Array;
}

export interface NeighboursResult {
  /** Evaluation-set index of the query. */
  query: number;
  /** Evaluation-set indices of the hits, most similar first; the query itself is never among them. */
  indices: number[];
  /** Cosine similarities of the selected image feature, descending. */
  scores: number[];
  /** Labels of the hits, or null for an unlabelled set. */
  labels: number[] | null;
  queryLabel: number | null;
  /** Fraction of hits sharing the query's label; null without labels. */
  precision: number | null;
  /** The query first, then the hits in order. */
  thumbnails: Thumbnails;
}

export interface EmbeddingMapResult {
  /** Each evaluation image on the first two principal components, laid out [N, 2]. */
  points: Float32Array;
  labels: Int32Array | null;
  explainedVariance: [number, number];
}

export type ProbeOutcome =
  | {
      available: true;
      /** The feature whose scores `cpc` and `randomInit` are: the one selected when the probe ran. */
      feature: ImageFeature;
      cpc: ProbeScores;
      randomInit: ProbeScores;
      /** The same probes on raw pixels of the same images: what CPC has to beat. */
      pixels: ProbeScores;
      /** Every probed feature's CPC and random-init scores, `feature` included. */
      features: Partial<Record<ImageFeature, FeatureComparison>>;
      trainImages: number;
      testImages: number;
      /** 'held-out': the dataset's test split; 'training-split': a seeded split of the training images. */
      testSource: 'held-out' | 'training-split';
      durationMs: number;
    }
  | { available: false; reason: string };

export interface InspectionGeometry {
  imageSize: number;
  channels: 1 | 3;
  grid: number;
  patchSize: number;
  stride: number;
  ks: number[];
  directions: Direction[];
}

/** Worker → page. `step` is the training step whose weights produced the numbers. */
export type AnalysisEvent =
  | {
      type: 'inspection';
      step: number;
      geometry: InspectionGeometry;
      /** Training-set index of every image in the inspection batch. */
      batchIndices: number[];
      /** The batch's images as stored (no augmentation), for the grid overlay. */
      images: Thumbnails;
      /** Position of the shown image in the batch. */
      image: number;
      /** The batch's augmented patches as the encoder sees them, [B·G·G, P, P, C] (pool index order). */
      patches: Float32Array;
      prediction: PredictionInspection;
    }
  | ({ type: 'neighbours'; step: number } & NeighboursResult)
  | ({ type: 'embedding-map'; step: number } & EmbeddingMapResult)
  | ({ type: 'probe'; step: number } & ProbeOutcome)
  | {
      type: 'evaluation-images';
      /** 'held-out' when the dataset has a test split, else a seeded subset of the training images. */
      source: 'held-out' | 'training';
      images: Thumbnails;
      labels: Int32Array | null;
      classNames: string[];
    }
  /** Pushed every `everySteps` steps while training: the last neighbours query and the map, refreshed. */
  | {
      type: 'snapshot';
      step: number;
      neighbours: NeighboursResult;
      map: EmbeddingMapResult;
      /** Worker time the snapshot took from training. */
      costMs: number;
    };
