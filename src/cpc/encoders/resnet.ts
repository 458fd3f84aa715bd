import * as tf from '@tensorflow/tfjs';
import type { CpcConfig } from '../config';
import { convLayer, sameOutputSize } from '../nn/convLayer';
import { dense } from '../nn/dense';
import { createNorm, type Norm } from '../nn/norm';
import type { ParamScope } from '../nn/params';
import { signedInput } from './signedInput';
import type { PatchEncoder } from './types';

/**
 * A small pre-activation ResNet (He et al. 2016, "identity mappings"): a 3×3 stem, then `encoderDepth`
 * blocks of [norm → ReLU → conv 3×3 → norm → ReLU → conv 3×3] + skip. Every block after the first
 * halves the resolution while it is above 2×2 (the skip then is a strided 1×1 projection). A final
 * norm → ReLU, mean-pooling over space (as in CPC v1), and a linear map to the code size.
 */
export function createResNet(config: CpcConfig, scope: ParamScope): PatchEncoder {
  const { patchSize, channels, encoderWidth: width, encoderDepth: depth, codeSize } = config;
  const stem = convLayer(scope.scope('stem'), 3, channels, width, 1, { inputIsData: true });
  const blocks: ResidualBlock[] = [];
  let side = patchSize;
  for (let i = 0; i < depth; i++) {
    const stride = i > 0 && side > 2 ? 2 : 1;
    blocks.push(residualBlock(config, scope.scope(`block${i}`), width, stride));
    side = sameOutputSize(side, stride);
  }
  const finalNorm = createNorm(config.norm, scope.scope('final'), width);
  const out = dense(scope.scope('code'), width, codeSize, { init: 'linear' });

  const encodeWithHidden = (patches: tf.Tensor4D, training: boolean) => {
    let x = stem(signedInput(patches)); // [N, P, P, width]
    for (const block of blocks) x = block(x, training); // [N, s, s, width]
    const h = finalNorm.apply(x, training, 0); // [N, s, s, width]
    const pooled = tf.mean(h, [1, 2]) as tf.Tensor2D; // [N, width]
    return { z: out(pooled), hidden: pooled }; // [N, codeSize], [N, width]
  };
  return {
    codeSize,
    hiddenSize: width,
    encode: (patches, training) => encodeWithHidden(patches, training).z,
    encodeWithHidden,
  };
}

type ResidualBlock = (x: tf.Tensor4D, training: boolean) => tf.Tensor4D;

function residualBlock(config: CpcConfig, scope: ParamScope, width: number, stride: number): ResidualBlock {
  const norm1: Norm = createNorm(config.norm, scope.scope('n1'), width);
  const conv1 = convLayer(scope.scope('c1'), 3, width, width, stride);
  const norm2: Norm = createNorm(config.norm, scope.scope('n2'), width);
  const conv2 = convLayer(scope.scope('c2'), 3, width, width, 1);
  const project =
    stride > 1 ? convLayer(scope.scope('skip'), 1, width, width, stride, { bias: false }) : null;
  return (x, training) => {
    const pre = norm1.apply(x, training, 0) as tf.Tensor4D; // [N, s, s, w]
    const h = conv1(pre); // [N, s/stride, s/stride, w]
    const y = conv2(norm2.apply(h, training, 0) as tf.Tensor4D); // [N, s', s', w]
    const skip = project ? project(pre) : x; // [N, s', s', w]
    return tf.add(y, skip);
  };
}
