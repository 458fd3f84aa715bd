/**
 * What a checkpoint file may hold, each with why. Every size is checked against the zip's directory
 * before anything is inflated, and again while inflating, so a hostile file costs at most these bytes.
 */
export interface CheckpointLimits {
  /** The file itself: the page reads it whole (in a worker) before looking inside. */
  maxFileBytes: number;
  /** checkpoint.json, inflated. */
  maxManifestBytes: number;
  /** tensors.bin, inflated. */
  maxTensorBytes: number;
  /** Rows of the tensor table. */
  maxTensors: number;
  /** Entries in the zip's directory: the format writes two; a few more are tolerated, never read. */
  maxZipRecords: number;
}

const MiB = 1024 * 1024;

export const CHECKPOINT_LIMITS: CheckpointLimits = {
  // Tensors compress little (level 1), so the file is about as large as its tensors and manifest.
  maxFileBytes: 1100 * MiB,
  // The manifest's extra holds the metrics and probe history: some 100 bytes a step, so 64 MiB is a
  // run of more than half a million steps, far past a lesson; the default run's is 56 kB after 2,000.
  maxManifestBytes: 64 * MiB,
  // Weights and AdamW's two moments. The default config's are 1.4 MB; 1 GiB is 268 M floats, some 90 M
  // parameters, beyond any model that trains in a browser tab.
  maxTensorBytes: 1024 * MiB,
  // A model has a few dozen variables (each layer's kernel, bias, norms, plus the optimizer's moments).
  maxTensors: 10_000,
  maxZipRecords: 16,
};
