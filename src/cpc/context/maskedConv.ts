import * as tf from '@tensorflow/tfjs';
import { customGrad } from '../ops/customGrad';
import { matMul } from '../ops/matMul';
import type { ParamScope } from '../nn/params';
import { heNormal, stacked, zeros } from '../nn/params';
import type { ContextModel } from './types';

/** Each causal layer sees this many time steps (the current one and the ones before) … */
export const MASKED_CONV_TIME_KERNEL = 3;
/** … and this many lanes, centred (PixelCNN-style: the context spreads sideways, never forward). */
export const MASKED_CONV_LANE_KERNEL = 3;

const MASKED_CONV_TAPS = MASKED_CONV_TIME_KERNEL * MASKED_CONV_LANE_KERNEL;

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
  const taps = MASKED_CONV_TAPS;
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
  // Rank 4, not 5: tfjs' WebGPU and WebGL Pad kernels emit an invalid shader for rank-5 tensors, and
  // Slice's gradient is a Pad.
  const grid = tf.reshape<tf.Rank.R4>(x, [ndir * batch, t, l, cin]); // [Ndir·B, T, L, Cin]
  const cols = tf.reshape(causalColumns(grid), [ndir, batch * t * l, MASKED_CONV_TAPS * cin]); // [Ndir, B·T·L, taps·Cin]
  const y = tf.add(matMul(cols, w), b); // [Ndir, B·T·L, H]
  return tf.reshape(y, [ndir, batch, t, l, hidden]); // [Ndir, B, T, L, H]
}

/**
 * Every causal neighbourhood as columns (im2col): [N, T, L, C] → [N, T, L, taps·C], tap (dt, dl) reading
 * time t − (kT − 1) + dt and lane l − side + dl, zero outside the grid. Written as one op with its
 * gradient (each tap's slice of dy padded back into place, summed): through autodiff, the pad, the
 * nine slices and the concat each clone their inputs for the backward pass, ~20 Identity kernels a layer.
 */
export function causalColumns(grid: tf.Tensor4D): tf.Tensor4D {
  const [n, t, l, c] = grid.shape;
  const side = (MASKED_CONV_LANE_KERNEL - 1) / 2;
  const padding: [number, number][] = [
    [0, 0],
    [MASKED_CONV_TIME_KERNEL - 1, 0],
    [side, side],
    [0, 0],
  ];
  const offsets: [number, number][] = [];
  for (let dt = 0; dt < MASKED_CONV_TIME_KERNEL; dt++) {
    for (let dl = 0; dl < MASKED_CONV_LANE_KERNEL; dl++) offsets.push([dt, dl]);
  }
  const op = customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const padded = tf.pad(args[0] as tf.Tensor4D, padding); // [N, T + kT − 1, L + kL − 1, C]
    const taps = offsets.map(([dt, dl]) => tf.slice(padded, [0, dt, dl, 0], [n, t, l, c])); // [N, T, L, C] each
    return {
      value: tf.concat(taps, 3), // [N, T, L, taps·C]
      gradFunc: (dy: tf.Tensor) => {
        const parts = tf.split(dy, offsets.length, 3); // taps × [N, T, L, C]
        const placed = parts.map((part, i) => {
          const [dt, dl] = offsets[i];
          const [pt, pl] = [MASKED_CONV_TIME_KERNEL - 1, 2 * side];
          return tf.pad(part, [
            [0, 0],
            [dt, pt - dt],
            [dl, pl - dl],
            [0, 0],
          ]); // [N, T + kT − 1, L + kL − 1, C]
        });
        const sum = tf.addN(placed);
        return tf.slice(sum, [0, MASKED_CONV_TIME_KERNEL - 1, side, 0], [n, t, l, c]); // [N, T, L, C]
      },
    };
  });
  return op(grid) as tf.Tensor4D;
}
