export type { LabelledFeatures } from './featureRows';
export { knnAccuracy } from './knn';
export { linearProbe, type LinearProbeOptions, type ProbeResult } from './linearProbe';
export { nearestNeighbours, precisionAtK, type Neighbours } from './nearestNeighbours';
export { pca2d, type PcaMap } from './pca';
export {
  compareWithRandomInit,
  probeModel,
  probePixels,
  PROBE_TRAIN_LIMIT,
  type FeatureComparison,
  type ProbeComparison,
  type ProbeOptions,
  type ProbeScores,
} from './probeComparison';
export { EvaluationStopped, throwIfStopped, type StopCheck } from './stopCheck';
