import * as tf from '@tensorflow/tfjs';
import type { CpcConfig } from '../config';
import type { CpcModel } from '../model/cpcModel';
import { conv, dense, norm, type EncoderParam } from './layerBlocks';

/** LeakyReLU slope of encoders/simpleCnn.ts (Keras' default). */
const LEAKY_ALPHA = 0.3;

/**
 * The patch encoder of a CPC model as a tf.LayersModel of built-in layers: patches [N, P, P, C] in
 * [0, 1] → codes [N, codeSize], equal to `model.encode(patches, false)`. It mirrors encoders/simpleCnn.ts
 * and encoders/resnet.ts layer by layer and holds its own copy of the trained weights: dispose it when
 * done; the training model is unaffected either way.
 */
export function encoderToLayersModel(model: CpcModel): tf.LayersModel {
  const { config } = model;
  const param: EncoderParam = (name) => model.params.get(`encoder/${name}`);
  const patches = tf.input({
    name: 'patches',
    shape: [config.patchSize, config.patchSize, config.channels],
  }); // [N, P, P, C] in [0, 1]
  // The encoders see 2x − 1; this must come before the convolutions' zero padding.
  const signed = tf.layers
    .rescaling({ name: 'to_signed', scale: 2, offset: -1 })
    .apply(patches) as tf.SymbolicTensor; // [N, P, P, C] in [-1, 1]
  const codes =
    config.encoder === 'simple-cnn'
      ? simpleCnnLayers(config, param, signed)
      : resNetLayers(config, param, signed); // [N, codeSize]
  return tf.model({ name: 'cpc_encoder', inputs: patches, outputs: codes });
}

/** encoders/simpleCnn.ts: [conv 3×3 stride 2 → norm → LeakyReLU] × depth, flatten, [dense → norm → LeakyReLU], dense. */
function simpleCnnLayers(config: CpcConfig, param: EncoderParam, x: tf.SymbolicTensor): tf.SymbolicTensor {
  const leaky = (name: string, h: tf.SymbolicTensor) =>
    tf.layers.leakyReLU({ name, alpha: LEAKY_ALPHA }).apply(h) as tf.SymbolicTensor;
  let h = x;
  for (let i = 0; i < config.encoderDepth; i++) {
    const scope = `conv${i}`;
    h = conv(param, scope, h, { filters: config.encoderWidth, kernel: 3, stride: 2, bias: true }); // [N, s, s, width]
    h = leaky(`${scope}_act`, norm(config.norm, param, scope, `${scope}_norm`, h));
  }
  h = tf.layers.flatten({ name: 'flatten' }).apply(h) as tf.SymbolicTensor; // [N, s·s·width]
  if (config.encoderHidden > 0) {
    h = dense(param, 'hidden', h, config.encoderHidden); // [N, hidden]
    h = leaky('hidden_act', norm(config.norm, param, 'hidden', 'hidden_norm', h));
  }
  return dense(param, 'code', h, config.codeSize); // [N, codeSize]
}

/** encoders/resnet.ts: stem conv, pre-activation residual blocks, norm → ReLU, mean over space, dense. */
function resNetLayers(config: CpcConfig, param: EncoderParam, x: tf.SymbolicTensor): tf.SymbolicTensor {
  const width = config.encoderWidth;
  let h = conv(param, 'stem', x, { filters: width, kernel: 3, stride: 1, bias: true }); // [N, P, P, width]
  for (let i = 0; i < config.encoderDepth; i++) {
    const side = h.shape[1] as number;
    const stride = i > 0 && side > 2 ? 2 : 1; // the same rule as createResNet
    h = residualBlock(config, param, `block${i}`, h, stride); // [N, s, s, width]
  }
  h = relu('final_relu', norm(config.norm, param, 'final', 'final_norm', h)); // [N, s, s, width]
  const pooled = tf.layers.globalAveragePooling2d({ name: 'mean_pool' }).apply(h) as tf.SymbolicTensor; // [N, width]
  return dense(param, 'code', pooled, config.codeSize); // [N, codeSize]
}

function residualBlock(
  config: CpcConfig,
  param: EncoderParam,
  scope: string,
  x: tf.SymbolicTensor,
  stride: number,
): tf.SymbolicTensor {
  const width = config.encoderWidth;
  const normRelu = (part: string, h: tf.SymbolicTensor) =>
    relu(`${scope}_${part}_relu`, norm(config.norm, param, `${scope}/${part}`, `${scope}_${part}`, h));
  const pre = normRelu('n1', x); // [N, s, s, w]
  const h = conv(param, `${scope}/c1`, pre, { filters: width, kernel: 3, stride, bias: true }); // [N, s', s', w]
  const y = conv(param, `${scope}/c2`, normRelu('n2', h), {
    filters: width,
    kernel: 3,
    stride: 1,
    bias: true,
  });
  const skip =
    stride > 1 ? conv(param, `${scope}/skip`, pre, { filters: width, kernel: 1, stride, bias: false }) : x; // [N, s', s', w]
  return tf.layers.add({ name: `${scope}_add` }).apply([y, skip]) as tf.SymbolicTensor;
}

function relu(name: string, x: tf.SymbolicTensor): tf.SymbolicTensor {
  return tf.layers.activation({ name, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
}
