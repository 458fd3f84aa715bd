import * as tf from '@tensorflow/tfjs';
import type { NormKind } from '../config';

/**
 * Built-in tf.layers that reproduce the encoder's raw-op building blocks (nn/convLayer, nn/dense,
 * nn/norm), each applied to a symbolic tensor and filled with the trained values of the encoder's
 * parameters. Built-in layers only, so that plain @tensorflow/tfjs and the Keras converter load them.
 */

/** Reads a trained encoder parameter by its ParamStore name below 'encoder/' (e.g. 'conv0/w'). */
export type EncoderParam = (name: string) => tf.Tensor;

/** Equal to the constants of nn/norm.ts; the parity tests fail if they drift apart. */
const NORM_EPSILON = 1e-5;
const BATCH_NORM_MOMENTUM = 0.9;

/**
 * Applies the layer (which creates its variables) and writes the trained values into them. `assign`
 * shares the immutable, reference-counted buffer, so this is a copy in effect: the training step later
 * rebinds its variables to new buffers, and disposing either model leaves the other intact.
 */
export function applyWithWeights(
  layer: tf.layers.Layer,
  x: tf.SymbolicTensor,
  values: () => tf.Tensor[],
): tf.SymbolicTensor {
  const y = layer.apply(x) as tf.SymbolicTensor;
  tf.tidy(() => layer.setWeights(values()));
  return y;
}

/** Layer names cannot hold '/': the parameter scope 'block0/c1' becomes the layer 'block0_c1'. */
export function layerName(scope: string): string {
  return scope.replaceAll('/', '_');
}

/** nn/convLayer with 'same' padding: [N, H, W, Cin] → [N, ⌈H/s⌉, ⌈W/s⌉, filters]. */
export function conv(
  param: EncoderParam,
  scope: string,
  x: tf.SymbolicTensor,
  spec: { filters: number; kernel: number; stride: number; bias: boolean },
): tf.SymbolicTensor {
  const layer = tf.layers.conv2d({
    name: layerName(scope),
    filters: spec.filters,
    kernelSize: spec.kernel,
    strides: spec.stride,
    padding: 'same',
    useBias: spec.bias,
  });
  const names = spec.bias ? ['w', 'b'] : ['w'];
  return applyWithWeights(layer, x, () => names.map((n) => param(`${scope}/${n}`)));
}

/** nn/dense with a bias: [N, in] → [N, units]. */
export function dense(
  param: EncoderParam,
  scope: string,
  x: tf.SymbolicTensor,
  units: number,
): tf.SymbolicTensor {
  const layer = tf.layers.dense({ name: layerName(scope), units });
  return applyWithWeights(layer, x, () => [param(`${scope}/w`), param(`${scope}/b`)]);
}

/**
 * nn/norm at evaluation. Our layer norm takes statistics over all features of a sample: Keras'
 * LayerNormalization over every non-batch axis, whose gain and bias then have one value per feature
 * ([H, W, C]), so the per-channel ones are repeated over space. Batch norm uses its running statistics.
 */
export function norm(
  kind: NormKind,
  param: EncoderParam,
  scope: string,
  name: string,
  x: tf.SymbolicTensor,
): tf.SymbolicTensor {
  switch (kind) {
    case 'none':
      return x;
    case 'layer': {
      const features = x.shape.slice(1) as number[]; // [H, W, C] or [D]
      const axis = features.map((_, i) => i + 1);
      const layer = tf.layers.layerNormalization({ name, axis, epsilon: NORM_EPSILON });
      return applyWithWeights(layer, x, () => [
        perFeature(param(`${scope}/ln_gain`), features),
        perFeature(param(`${scope}/ln_bias`), features),
      ]);
    }
    case 'batch': {
      const layer = tf.layers.batchNormalization({
        name,
        axis: -1,
        epsilon: NORM_EPSILON,
        momentum: BATCH_NORM_MOMENTUM,
      });
      const names = ['bn_gain', 'bn_bias', 'bn_mean', 'bn_var'];
      return applyWithWeights(layer, x, () => names.map((n) => param(`${scope}/${n}`)));
    }
  }
}

/** A per-channel vector [C] repeated over the leading feature axes: [C] → [...spatial, C]. */
function perFeature(perChannel: tf.Tensor, features: number[]): tf.Tensor {
  const spatial = features.slice(0, -1);
  const column = tf.reshape(perChannel, [...spatial.map(() => 1), -1]); // [1, 1, C]
  return tf.tile(column, [...spatial, 1]); // [H, W, C]
}
