import type * as tf from '@tensorflow/tfjs';

/** The patch encoder f: one code vector z per patch. */
export interface PatchEncoder {
  readonly codeSize: number;
  /** patches: [N, P, P, C] with values in [0, 1] → z: [N, codeSize]. */
  encode(patches: tf.Tensor4D, training: boolean): tf.Tensor2D;
}
