import * as tf from '@tensorflow/tfjs';
import { matMul } from '../ops/matMul';
import type { ParamScope } from '../nn/params';
import { heNormal, stacked, zeros } from '../nn/params';
import type { ContextModel } from './types';

/** Each causal layer sees this many time steps (the current one and the ones before) … */
export const MASKED_CONV_TIME_KERNEL = 3;
/** … and this many lanes, centred (PixelCNN-style: the context spreads sideways, never forward). */
export const MASKED_CONV_LANE_KERNEL = 3;

/**
 * A stack of causal convolutions over the grid (CPC v1's PixelCNN-style context). The time axis is
 * padded only at the start, so c_t sees times ≤ t; the receptive field grows by
 * (MASKED_CONV_TIME_KERNEL − 1) steps per layer. Layers after the first are residual. Written as
 * shifted slices + one batched matmul so that each direction keeps its own weights and it trains on WASM.
 */
export function createMaskedConv(
  scope: ParamScope,
  ndir: number,
  inputs: number,
  hidden: number,
  layers: number,
): ContextModel {
  const taps = MASKED_CONV_TIME_KERNEL * MASKED_CONV_LANE_KERNEL;
  const weights = Array.from({ length: layers }, (_, i) => {
    const s = scope.scope(`layer${i}`);
    const cin = i === 0 ? inputs : hidden;
    return {
      w: s.add('w', [ndir, taps * cin, hidden], stacked(heNormal), {
        decay: true,
      }) as tf.Variable<tf.Rank.R3>,
      b: s.add('b', [ndir, 1, hidden], zeros),
    };
  });
  return {
    hiddenSize: hidden,
    run: (z) => {
      let x: tf.Tensor5D = z; // [Ndir, B, T, L, D]
      weights.forEach(({ w, b }, i) => {
        const y = tf.relu(causalConv(x, w, b, hidden)) as tf.Tensor5D; // [Ndir, B, T, L, H]
        x = i === 0 ? y : (tf.add(x, y) as tf.Tensor5D);
      });
      return x;
    },
  };
}

function causalConv(x: tf.Tensor5D, w: tf.Tensor3D, b: tf.Tensor, hidden: number): tf.Tensor5D {
  const [ndir, batch, t, l, cin] = x.shape;
  const side = (MASKED_CONV_LANE_KERNEL - 1) / 2;
  // Rank 4, not 5: tfjs' WebGPU and WebGL Pad kernels emit an invalid shader for rank-5 tensors, and
  // Slice's gradient is a Pad.
  const grid = tf.reshape<tf.Rank.R4>(x, [ndir * batch, t, l, cin]); // [Ndir·B, T, L, Cin]
  const padded = tf.pad(grid, [
    [0, 0],
    [MASKED_CONV_TIME_KERNEL - 1, 0],
    [side, side],
    [0, 0],
  ]); // [Ndir·B, T + kT − 1, L + kL − 1, Cin]
  const taps: tf.Tensor4D[] = [];
  for (let dt = 0; dt < MASKED_CONV_TIME_KERNEL; dt++) {
    for (let dl = 0; dl < MASKED_CONV_LANE_KERNEL; dl++) {
      taps.push(tf.slice(padded, [0, dt, dl, 0], [ndir * batch, t, l, cin])); // [Ndir·B, T, L, Cin]
    }
  }
  const cols = tf.reshape(tf.concat(taps, 3), [ndir, batch * t * l, taps.length * cin]); // [Ndir, B·T·L, taps·Cin]
  const y = tf.add(matMul(cols, w), b); // [Ndir, B·T·L, H]
  return tf.reshape(y, [ndir, batch, t, l, hidden]); // [Ndir, B, T, L, H]
}
