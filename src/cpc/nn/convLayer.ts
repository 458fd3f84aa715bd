import * as tf from '@tensorflow/tfjs';
import { add } from '../ops/add';
import { conv2d, type Padding } from '../ops/conv2d';
import { heNormal, zeros, type ParamScope } from './params';

/** A k×k convolution with its own weights: [N, H, W, Cin] → [N, H', W', Cout]. */
export function convLayer(
  scope: ParamScope,
  kernel: number,
  inputs: number,
  outputs: number,
  stride: number,
  /** inputIsData: the layer reads data, not features (no input gradient needed; see ops/conv2d.ts). */
  options: { padding?: Padding; bias?: boolean; inputIsData?: boolean } = {},
) {
  const w = scope.add('w', [kernel, kernel, inputs, outputs], heNormal, {
    decay: true,
  }) as tf.Variable<tf.Rank.R4>;
  const b = options.bias === false ? null : scope.add('b', [outputs], zeros);
  const padding = options.padding ?? 'same';
  return (x: tf.Tensor4D): tf.Tensor4D => {
    const y = conv2d(x, w, stride, padding, { inputIsData: options.inputIsData }); // [N, H', W', Cout]
    if (!b) return y;
    // Nothing reads y again (the conv saves its input; this add keeps only shapes), yet tfjs would keep
    // it until the step's tidy ends: an activation-sized tensor through the backward pass.
    const biased = add(y, b);
    y.dispose();
    return biased;
  };
}

/** Output side of a 'same' convolution with this stride. */
export function sameOutputSize(size: number, stride: number): number {
  return Math.ceil(size / stride);
}
