import type * as tf from '@tensorflow/tfjs';

/** The patch encoder f: one code vector z per patch. */
export interface PatchEncoder {
  readonly codeSize: number;
  /** Width of the features just before the last linear projection (see encodeWithHidden). */
  readonly hiddenSize: number;
  /** patches: [N, P, P, C] with values in [0, 1] → z: [N, codeSize]. */
  encode(patches: tf.Tensor4D, training: boolean): tf.Tensor2D;
  /** z and the features it is projected from: [N, codeSize] and [N, hiddenSize] (probes compare both). */
  encodeWithHidden(patches: tf.Tensor4D, training: boolean): { z: tf.Tensor2D; hidden: tf.Tensor2D };
}
