import * as tf from '@tensorflow/tfjs';
import type { CpcConfig } from '../config';
import { convLayer, sameOutputSize } from '../nn/convLayer';
import { dense } from '../nn/dense';
import { createNorm } from '../nn/norm';
import type { ParamScope } from '../nn/params';
import { signedInput } from './signedInput';
import type { PatchEncoder } from './types';

/** LeakyReLU slope of Keras' default LeakyReLU layer, as in the classic Keras CPC. */
const LEAKY_ALPHA = 0.3;

/**
 * The classic Keras CPC encoder, sized by the config: `encoderDepth` × [conv 3×3 stride 2 → norm →
 * LeakyReLU], flatten, an optional dense `encoderHidden` → norm → LeakyReLU, then a linear dense to the
 * code size. 'same' padding so that small patches (8 px) survive several stride-2 layers.
 */
export function createSimpleCnn(config: CpcConfig, scope: ParamScope): PatchEncoder {
  const {
    patchSize,
    channels,
    encoderWidth: width,
    encoderDepth: depth,
    encoderHidden: hidden,
    codeSize,
  } = config;
  const blocks: { conv: ReturnType<typeof convLayer>; norm: ReturnType<typeof createNorm> }[] = [];
  let side = patchSize;
  for (let i = 0; i < depth; i++) {
    const s = scope.scope(`conv${i}`);
    blocks.push({
      conv: convLayer(s, 3, i === 0 ? channels : width, width, 2, { inputIsData: i === 0 }),
      norm: createNorm(config.norm, s, width),
    });
    side = sameOutputSize(side, 2);
  }
  const flat = side * side * width;
  const hiddenLayer = hidden > 0 ? dense(scope.scope('hidden'), flat, hidden, { init: 'relu' }) : null;
  const hiddenNorm = hidden > 0 ? createNorm(config.norm, scope.scope('hidden'), hidden) : null;
  const out = dense(scope.scope('code'), hidden > 0 ? hidden : flat, codeSize, { init: 'linear' });

  const encodeWithHidden = (patches: tf.Tensor4D, training: boolean) => {
    let x = signedInput(patches); // [N, P, P, C] in [-1, 1]
    for (const { conv, norm } of blocks) {
      x = normalised(conv(x), (c) => norm.apply(c, training, LEAKY_ALPHA)) as tf.Tensor4D; // [N, s, s, width], LeakyReLU'd
    }
    let h = tf.reshape(x, [x.shape[0], flat]) as tf.Tensor2D; // [N, s·s·width]
    if (hiddenLayer && hiddenNorm) {
      const dense = hiddenLayer(h); // [N, hidden]
      h = normalised(dense, (d) => hiddenNorm.apply(d, training, LEAKY_ALPHA)) as tf.Tensor2D; // LeakyReLU'd
    }
    return { z: out(h), hidden: h }; // [N, codeSize], [N, hidden or s·s·width]
  };
  return {
    codeSize,
    hiddenSize: hidden > 0 ? hidden : flat,
    encode: (patches, training) => encodeWithHidden(patches, training).z,
    encodeWithHidden,
  };
}

/**
 * norm(pre), then `pre` disposed: nothing reads a layer's output before its norm again, forward or back
 * (the conv saves its input, the norm what it computed), yet tfjs would keep it until the whole step's
 * tidy ends. At a 64 px colour batch's first layer that is 12 MB held through the backward pass, where
 * the step's memory peaks.
 */
function normalised(pre: tf.Tensor, norm: (pre: tf.Tensor) => tf.Tensor): tf.Tensor {
  const out = norm(pre);
  if (out !== pre) pre.dispose();
  return out;
}
